import { describe, expect, it } from 'vitest';
import { MAX_MATCH_PATTERN_LENGTH, matchPatternError } from './match-pattern.ts';

describe('matchPatternError', () => {
  it.each([
    'http://127.0.0.1/*',
    'http://localhost/*',
    'https://online.superoffice.com/*',
    'https://*.superoffice.com/Cust12345/*',
    '*://crm.example.com/*',
    '*://*/*',
    'https://*/crm/*',
    'https://crm.example.com/',
    'https://crm.example.com/a*b?c=d#e',
    'http://[::1]/*',
    'https://xn--bcher-kva.example/*',
    'https://CRM.Example.COM/*',
  ])('accepts %s', (pattern) => {
    expect(matchPatternError(pattern)).toBeUndefined();
  });

  it.each([
    ['<all_urls>', 'all-urls'],
    ['file:///*', 'scheme'],
    ['ftp://example.com/*', 'scheme'],
    ['ws://example.com/*', 'scheme'],
    ['chrome-extension://abc/*', 'scheme'],
    ['HTTP://example.com/*', 'scheme'],
    ['javascript://example.com/*', 'scheme'],
    ['http://crm.example.com:8080/*', 'port'],
    ['http://*.example.com:*/*', 'port'],
    ['http://[::1]:8377/*', 'port'],
    ['https://crm.*.com/*', 'host'],
    ['https://*example.com/*', 'host'],
    ['https://*./*', 'host'],
    ['https:///*', 'host'],
    ['https://user@crm.example.com/*', 'host'],
    ['https://crm_example.com/*', 'host'],
    ['https://-crm.example.com/*', 'host'],
    [`https://${'a'.repeat(64)}.example.com/*`, 'host'],
    ['https://crm.example.com', 'path'],
    ['https://crm.example.com/a b', 'path'],
    ['https://crm.example.com/*\n', 'path'],
    ['crm.example.com/*', 'syntax'],
    ['https:/crm.example.com/*', 'syntax'],
    ['', 'syntax'],
  ])('refuses %j (%s)', (pattern, error) => {
    expect(matchPatternError(pattern)).toBe(error);
  });

  it('refuses a pattern longer than any real CRM address', () => {
    expect(matchPatternError(`https://crm.example.com/${'a'.repeat(MAX_MATCH_PATTERN_LENGTH)}`)).toBe('too-long');
  });
});
