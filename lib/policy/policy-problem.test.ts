import { describe, expect, it } from 'vitest';
import { describeValue, problem } from './policy-problem.ts';

describe('describeValue', () => {
  it.each([
    ['text', '"text"'],
    [42, '42'],
    [true, 'true'],
    [null, 'null'],
    [undefined, '[undefined]'],
    [['a', 1], '["a",1]'],
    [{ a: { b: 1 } }, '{"a":{"b":1}}'],
    [{ a: { b: { c: { d: 1 } } } }, '{"a":{"b":{"c":{…}}}}'],
    ['line\nbreak\u0000', '"line\\nbreak\\u0000"'],
  ])('%j → %s', (value, expected) => {
    expect(describeValue(value)).toBe(expected);
  });

  it('stays short for huge strings, lists and objects', () => {
    const huge = [
      'x'.repeat(5_000_000),
      Array.from({ length: 100_000 }, (_, i) => i),
      Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, 'v'.repeat(100)])),
    ];
    for (const value of huge) {
      const text = describeValue(value);
      expect(Array.from(text).length).toBeLessThanOrEqual(120);
      expect(text.endsWith('…')).toBe(true);
    }
  });

  it('survives cycles, throwing getters and symbols', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(describeValue(cyclic)).toBe('{"self":{"self":{"self":{…}}}}');
    const hostile = {
      get boom() {
        throw new Error('no');
      },
    };
    expect(describeValue(hostile)).toBe('[object]');
    expect(describeValue(Symbol('s'))).toBe('[symbol]');
    expect(describeValue(10n)).toBe('10n');
  });

  it('replaces raw control characters in keys', () => {
    expect(describeValue({ 'a\u0007': 1 })).toBe('{"a\\u0007":1}');
    expect(describeValue(new Map())).toBe('{}');
  });
});

describe('problem', () => {
  it('carries the expectation only when given', () => {
    expect(problem('k', 'wrong-type', 1)).toEqual({ key: 'k', reason: 'wrong-type', value: '1' });
    expect(problem('k', 'out-of-range', 1, '15–600')).toEqual({ key: 'k', reason: 'out-of-range', value: '1', expected: '15–600' });
  });
});
