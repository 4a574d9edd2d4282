// Which CRM pages Baton may run on, as the admin writes them. The patterns end up in
// scripting.registerContentScripts and permissions.request, which reject the whole call
// on one bad pattern, so each is checked here first and a bad one is dropped alone.
//
// Grammar (the part both Chrome and Firefox accept):
//   <scheme>://<host><path>
//   scheme  `*` (http and https), `http` or `https`
//   host    `*`, `*.` + host name, or a host name / IPv4 address / [IPv6] address
//   path    `/` followed by anything; `*` matches any run of characters
// https://developer.chrome.com/docs/extensions/develop/concepts/match-patterns
// https://developer.mozilla.org/docs/Mozilla/Add-ons/WebExtensions/Match_patterns
//
// Deliberately refused:
// - `<all_urls>`: it also covers file:, ftp: and data: pages, where a CRM never lives; an
//   organisation that truly wants every web page writes `*://*/*` and says so.
// - a port (`http://crm:8080/*`): Chrome accepts it but Firefox does not (bugs 1362809,
//   1468162), and a policy must mean the same in both; patterns match every port anyway.
// - other schemes (file, ftp, ws, chrome-extension): not where a CRM web client runs.

export type MatchPatternError = 'all-urls' | 'scheme' | 'host' | 'port' | 'path' | 'too-long' | 'syntax';

export const MAX_MATCH_PATTERN_LENGTH = 2048;

const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const HOST_NAME = new RegExp(`^(?:${LABEL}\\.)*${LABEL}\\.?$`, 'i');
const IPV6 = /^\[[0-9a-f:.]{2,45}\]$/i;
const PATTERN = /^([^:/]*):\/\/([^/]*)(.*)$/s;

/** Why `pattern` is not a match pattern Baton accepts, or undefined when it is fine. */
export function matchPatternError(pattern: string): MatchPatternError | undefined {
  if (pattern.length > MAX_MATCH_PATTERN_LENGTH) return 'too-long';
  if (pattern === '<all_urls>') return 'all-urls';
  const parts = PATTERN.exec(pattern);
  if (!parts) return 'syntax';
  const [, scheme = '', host = '', path = ''] = parts;
  if (scheme !== '*' && scheme !== 'http' && scheme !== 'https') return 'scheme';
  const hostError = checkHost(host);
  if (hostError) return hostError;
  // Whitespace and control characters never belong in a URL path; a pasted line break would.
  if (!path.startsWith('/') || /[\s\p{Cc}]/u.test(path)) return 'path';
  return undefined;
}

function checkHost(host: string): MatchPatternError | undefined {
  if (host === '*') return undefined;
  if (IPV6.test(host)) return undefined;
  if (/:(?:\d*|\*)$/.test(host)) return 'port';
  const name = host.startsWith('*.') ? host.slice(2) : host;
  if (name.length === 0 || name.length > 253 || !HOST_NAME.test(name)) return 'host';
  return undefined;
}

/** What an admin should write instead, for the problem list. */
export const MATCH_PATTERN_HINT = '<scheme>://<host>/<path> with scheme *, http or https, host *, *.example.com or example.com, no port';
