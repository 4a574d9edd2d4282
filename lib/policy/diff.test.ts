import { describe, expect, it } from 'vitest';
import { changedKeys, sameValue } from './diff.ts';

describe('sameValue', () => {
  it.each([
    [1, 1, true],
    [Number.NaN, Number.NaN, true],
    ['a', 'b', false],
    [['a', 'b'], ['a', 'b'], true],
    [['a', 'b'], ['b', 'a'], false],
    [[], {}, false],
    [{ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 }, true],
    [{ a: 1 }, { a: 1, b: undefined }, false],
    [{ a: undefined }, { b: undefined }, false],
    [null, {}, false],
  ])('%j vs %j → %s', (a, b, expected) => {
    expect(sameValue(a, b)).toBe(expected);
  });
});

describe('changedKeys', () => {
  it('names added, removed and changed keys only', () => {
    const before = { crmSites: ['a'], sound: true, language: 'da', features: { listenIn: true } };
    const after = { crmSites: ['a'], sound: false, features: { listenIn: false }, realtimeTls: true };
    expect(changedKeys<Record<string, unknown>>(before, after).sort()).toEqual(['features', 'language', 'realtimeTls', 'sound']);
    expect(changedKeys(before, structuredClone(before))).toEqual([]);
  });
});
