// One row per measurement, printed as a table and written as JSON by `npm run bench`.
export interface BenchRow {
  metric: string;
  baton: number;
  /** The same measurement on the row's baseline (raw ably-js on the same hub, or the note says which), when there is one. */
  baseline?: number;
  unit: string;
  /** The budget from the architecture, in the same unit; lower is better unless `higherIsBetter`. */
  budget?: number;
  higherIsBetter?: boolean;
  note?: string;
}

export function verdict(row: BenchRow): 'under' | 'over' | '' {
  if (row.budget === undefined) return '';
  const within = row.higherIsBetter ? row.baton >= row.budget : row.baton <= row.budget;
  return within ? 'under' : 'over';
}

function format(value: number | undefined): string {
  if (value === undefined) return '';
  return Number.isInteger(value) ? String(value) : value.toFixed(value < 10 ? 2 : 1);
}

export function renderTable(rows: readonly BenchRow[]): string {
  const header = ['metric', 'Baton', 'baseline', 'unit', 'budget', 'verdict', 'note'];
  const cells = rows.map((row) => [
    row.metric,
    format(row.baton),
    format(row.baseline),
    row.unit,
    row.budget === undefined ? '' : `${row.higherIsBetter ? '≥' : '≤'} ${format(row.budget)}`,
    verdict(row) === 'under' ? 'within budget' : verdict(row) === 'over' ? 'OVER budget' : '',
    row.note ?? '',
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((line) => line[column]!.length)));
  const line = (values: string[]) => `| ${values.map((value, column) => value.padEnd(widths[column]!)).join(' | ')} |`;
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...cells.map(line)].join('\n');
}

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}
