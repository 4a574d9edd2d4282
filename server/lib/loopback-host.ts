// DNS-rebinding guard for local mode (docs/security.md "Local mode answers loopback Hosts only"). A web page that
// points its own host name at 127.0.0.1 can make the browser send requests to Baton's local server; the Host
// header still carries the page's name, so a server meant only for this machine answers loopback Hosts only.
import type { IncomingMessage } from 'node:http';

/** True for `localhost`, `*.localhost`, `127.x.x.x` and `[::1]`, with or without a port. */
export function isLoopbackHost(host: string | undefined): boolean {
  if (host === undefined) return false;
  const lower = hostName(host);
  return lower === 'localhost' || lower.endsWith('.localhost') || lower === '[::1]' || /^127(\.\d{1,3}){3}$/.test(lower);
}

/** The Host's name without its port, lower-cased. */
function hostName(host: string): string {
  return (host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d+$/, '')).toLowerCase();
}

/**
 * A request guard: loopback Hosts, plus names the operator listed explicitly (`--allow-host`, e.g. a test that
 * maps a CRM name to 127.0.0.1). Nothing else.
 */
export function createHostGuard(allowed: readonly string[] = []): (req: IncomingMessage) => boolean {
  const extra = new Set(allowed.map((h) => h.toLowerCase()));
  return (req) => {
    const host = req.headers.host;
    return isLoopbackHost(host) || (host !== undefined && extra.has(hostName(host)));
  };
}
