import { describe, expect, it } from 'vitest';
import { parseFilter, passes } from './superoffice-filter.ts';

describe('the stand-in reads the $filter Baton sends', () => {
  it.each([
    ["email/emailAddress is 'o''neil@example.com'", [{ column: 'email/emailAddress', operator: 'is', value: "o'neil@example.com" }]],
    [
      "fullName contains 'bo' or email/emailAddress begins 'x'",
      [
        { column: 'fullName', operator: 'contains', value: 'bo' },
        { column: 'email/emailAddress', operator: 'begins', value: 'x', join: 'or' },
      ],
    ],
    ["personId eq '3'", [{ column: 'personId', operator: 'is', value: '3' }]],
    ["fullName contains 'a' or", undefined],
    ['fullName contains bo', undefined],
    ["fullName like 'a'", undefined],
  ])('%s', (filter, expected) => {
    expect(parseFilter(filter)).toEqual(expected);
  });

  it('matches case-insensitively, and/or left to right', () => {
    const row: Record<string, string> = { fullName: 'Bo Ek', 'email/emailAddress': 'BO@x.dk' };
    const read = (c: string) => row[c];
    expect(passes(parseFilter("email/emailAddress is 'bo@x.dk'")!, read)).toBe(true);
    expect(passes(parseFilter("fullName contains 'zz' or fullName begins 'bo'")!, read)).toBe(true);
    expect(passes(parseFilter("fullName contains 'ek' and fullName begins 'zz'")!, read)).toBe(false);
  });
});
