import { describe, expect, it } from 'vitest';
import { percentile, renderTable, verdict } from './report.ts';

describe('bench report', () => {
  it('computes nearest-rank percentiles', () => {
    const samples = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(samples, 50)).toBe(50);
    expect(percentile(samples, 99)).toBe(99);
    expect(percentile([7], 95)).toBe(7);
  });

  it('says whether a row is within its budget, either direction', () => {
    expect(verdict({ metric: 'a', baton: 4, unit: 'KB', budget: 5 })).toBe('under');
    expect(verdict({ metric: 'a', baton: 6, unit: 'KB', budget: 5 })).toBe('over');
    expect(verdict({ metric: 'c', baton: 900, unit: 'conns', budget: 1000, higherIsBetter: true })).toBe('over');
  });

  it('prints aligned rows with the verdict', () => {
    const table = renderTable([{ metric: 'content script (gz)', baton: 2.1, unit: 'KB', budget: 5 }]);
    expect(table).toContain('| content script (gz) | 2.10  |');
    expect(table).toContain('within budget');
  });
});
