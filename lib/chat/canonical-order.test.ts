import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareIds, comparePositions } from './canonical-order.ts';

const sign = (n: number): number => Math.sign(n);

describe('compareIds', () => {
  it.each([
    ['conn:9:0', 'conn:10:0', -1],
    ['conn:10:0', 'conn:10:1', -1],
    ['a', 'b', -1],
    ['a', 'a1', -1],
    ['a007', 'a7', -1],
    ['a7', 'a7', 0],
    ['x:2', 'x:02', 1],
    ['tr:completed:ana', 'tr:completed:bo', -1],
  ])('%s vs %s', (a, b, expected) => {
    expect(sign(compareIds(a, b))).toBe(expected);
  });

  const id = fc.stringMatching(/^[a0-9:]{0,8}$/);
  it('is a total order (antisymmetric, transitive, zero only for equal strings)', () => {
    fc.assert(
      fc.property(id, id, id, (a, b, c) => {
        expect(sign(compareIds(a, b)) + sign(compareIds(b, a))).toBe(0);
        expect(compareIds(a, b) === 0).toBe(a === b);
        if (compareIds(a, b) <= 0 && compareIds(b, c) <= 0) expect(compareIds(a, c)).toBeLessThanOrEqual(0);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('comparePositions', () => {
  it('orders by timestamp, then id, then clientId', () => {
    const at = (timestamp: number, id: string, clientId: string) => ({ timestamp, id, clientId });
    expect(comparePositions(at(1, 'z', 'z'), at(2, 'a', 'a'))).toBeLessThan(0);
    expect(comparePositions(at(1, 'a', 'z'), at(1, 'b', 'a'))).toBeLessThan(0);
    expect(comparePositions(at(1, 'a', 'a'), at(1, 'a', 'b'))).toBeLessThan(0);
    expect(comparePositions(at(1, 'a', 'a'), at(1, 'a', 'a'))).toBe(0);
  });
});
