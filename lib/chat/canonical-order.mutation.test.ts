// Canonical-order cases that mutation testing found unpinned (docs/testing.md).
import { describe, expect, it } from 'vitest';
import { compareIds, comparePositions } from './canonical-order.ts';

describe('canonical order', () => {
  it('a digit run is not compared with letters as if they were digits', () => {
    expect(compareIds('a', '10')).toBeGreaterThan(0);
    expect(compareIds('1', 'a')).toBeLessThan(0);
    expect(compareIds('x:a', 'x:10')).toBeGreaterThan(0);
    // Characters below '0' (here '-', common in connection ids) are not digits either.
    expect(compareIds('--', '1')).toBeLessThan(0);
  });

  it('equal-length digit runs compare digit by digit before what follows them', () => {
    expect(compareIds('a8b', 'a9a')).toBeLessThan(0);
    expect(compareIds('a9a', 'a8b')).toBeGreaterThan(0);
  });

  it('when one id runs out first, the shorter rest sorts first even where plain string order says otherwise', () => {
    expect(compareIds('a1', 'a01x')).toBeLessThan(0);
    expect(compareIds('a01x', 'a1')).toBeGreaterThan(0);
  });

  it('an earlier timestamp sorts first whatever the ids', () => {
    const at = (timestamp: number, id: string) => ({ timestamp, id, clientId: 'c' });
    expect(comparePositions(at(1, 'z'), at(2, 'a'))).toBe(-1);
    expect(comparePositions(at(2, 'a'), at(1, 'z'))).toBe(1);
  });
});
