// Does a page's URL fall under one of the admin's CRM-site match patterns? Small on
// purpose: it runs in the content script. Patterns were validated by the policy reader
// (lib/policy/match-pattern.ts); like the browser's own matching, the port is ignored.
// https://developer.chrome.com/docs/extensions/develop/concepts/match-patterns
function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
}

export function matchesSite(url: string, pattern: string): boolean {
  const parts = /^(\*|https?):\/\/([^/]+)(\/.*)$/.exec(pattern);
  if (!parts) return false;
  const [, scheme, host, path] = parts as unknown as [string, string, string, string];
  let page: URL;
  try {
    page = new URL(url);
  } catch {
    return false;
  }
  if (scheme === '*' ? !/^https?:$/.test(page.protocol) : page.protocol !== `${scheme}:`) return false;
  const hostname = page.hostname;
  const hostOk = host === '*' || (host.startsWith('*.') ? hostname === host.slice(2) || hostname.endsWith(host.slice(1)) : hostname === host);
  return hostOk && globToRegExp(path).test(page.pathname + page.search);
}

export function matchesAnySite(url: string, patterns: readonly string[]): boolean {
  return patterns.some((pattern) => matchesSite(url, pattern));
}
