import { describe, expect, it } from 'vitest';
import type { BenchRow } from './report.ts';
import { spreadRows } from './spread.ts';

const row = (metric: string, baton: number, budget?: number): BenchRow => ({ metric, baton, unit: 'ms', ...(budget === undefined ? {} : { budget }) });

describe('spreadRows', () => {
  it('keeps the median run per metric and lists every run, with how many met the budget', () => {
    const rows = spreadRows([
      [row('offer p95', 12, 11), row('size', 4)],
      [row('offer p95', 9, 11), row('size', 4)],
      [row('offer p95', 30, 11), row('size', 4)],
    ]);
    expect(rows.map((r) => r.metric)).toEqual(['offer p95', 'size']);
    expect(rows[0]).toMatchObject({ baton: 12, budget: 11 });
    expect(rows[0]!.note).toBe('runs: 12 / 9 / 30; within budget in 1 of 3 (min 9, max 30)');
    expect(rows[1]!.note).toBe('runs: 4 / 4 / 4 (min 4, max 4)');
  });

  it('takes the lower middle for an even number of runs and tolerates a metric missing from a run', () => {
    const rows = spreadRows([[row('a', 1), row('b', 5)], [row('a', 3)]]);
    expect(rows[0]!.baton).toBe(1);
    expect(rows[1]!.note).toBe('runs: 5 (min 5, max 5)');
  });
});
