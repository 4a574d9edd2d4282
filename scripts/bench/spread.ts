// `npm run bench -- --runs 3`: the same rows from several runs in one table, so a reader sees how far one run is
// from another on a shared machine instead of trusting a single lucky (or unlucky) figure. Pure, unit-tested.
import { verdict, type BenchRow } from './report.ts';

/** One row per metric (in the first run's order): the median run's figures, and every run's in the note. */
export function spreadRows(runs: readonly (readonly BenchRow[])[]): BenchRow[] {
  const byMetric = new Map<string, BenchRow[]>();
  for (const rows of runs) {
    for (const row of rows) byMetric.set(row.metric, [...(byMetric.get(row.metric) ?? []), row]);
  }
  return [...byMetric.values()].map((seen) => {
    const sorted = [...seen].sort((a, b) => a.baton - b.baton);
    const median = sorted[Math.floor((sorted.length - 1) / 2)]!;
    const within = seen.filter((row) => verdict(row) === 'under').length;
    const figures = seen.map((row) => format(row.baton)).join(' / ');
    const met = median.budget === undefined ? '' : `; within budget in ${within} of ${seen.length}`;
    return { ...median, note: `runs: ${figures}${met} (min ${format(sorted[0]!.baton)}, max ${format(sorted.at(-1)!.baton)})` };
  });
}

function format(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(value < 10 ? 2 : 1);
}
