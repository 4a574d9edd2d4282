import { describe, expect, it } from 'vitest';
import { addedMatches, policyScriptMatches, sameMatches } from './policy-script-matches.ts';

describe('policyScriptMatches', () => {
  it('is empty without a policy, so only the manifest’s default hosts get the sidebar', () => {
    expect(policyScriptMatches(null)).toEqual([]);
  });

  it('leaves out the default hosts the manifest already covers, and repeats', () => {
    expect(policyScriptMatches(['https://crm.example.com/*', 'http://localhost/*', 'https://crm.example.com/*', 'http://a.test/*'])).toEqual([
      'http://a.test/*',
      'https://crm.example.com/*',
    ]);
  });
});

describe('sameMatches', () => {
  it('ignores order but not content', () => {
    expect(sameMatches(['b', 'a'], ['a', 'b'])).toBe(true);
    expect(sameMatches(['a'], ['a', 'b'])).toBe(false);
    expect(sameMatches(undefined, [])).toBe(false);
  });
});

describe('addedMatches', () => {
  it('lists only the sites that are new', () => {
    expect(addedMatches(['a', 'b'], ['b', 'c'])).toEqual(['c']);
    expect(addedMatches([], ['a'])).toEqual(['a']);
  });
});
