import { describe, expect, it } from 'vitest';
import { matchesAnySite, matchesSite } from './site-match.ts';

describe('matchesSite', () => {
  it.each([
    ['http://127.0.0.1:8377/crm/default.aspx?contact_list', 'http://127.0.0.1/*', true],
    ['http://localhost:8377/crm/', 'http://127.0.0.1/*', false],
    ['https://online.superoffice.com/Cust1/default.aspx', 'https://*.superoffice.com/*', true],
    ['https://superoffice.com/', 'https://*.superoffice.com/*', true],
    ['https://evil-superoffice.com/', 'https://*.superoffice.com/*', false],
    ['http://crm.example.com/app/x', '*://crm.example.com/app/*', true],
    ['http://crm.example.com/other', '*://crm.example.com/app/*', false],
    ['ftp://crm.example.com/app/x', '*://crm.example.com/app/*', false],
    ['not a url', 'http://*/*', false],
    ['http://a.example/', 'garbage', false],
  ])('%s against %s → %s', (url, pattern, expected) => {
    expect(matchesSite(url, pattern)).toBe(expected);
  });

  it('matches any of several', () => {
    expect(matchesAnySite('http://localhost:1/x', ['http://127.0.0.1/*', 'http://localhost/*'])).toBe(true);
    expect(matchesAnySite('http://localhost:1/x', [])).toBe(false);
  });
});
