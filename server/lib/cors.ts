// CORS for requests from extension pages, the extension's service worker and local demo pages.
import type { IncomingMessage, ServerResponse } from 'node:http';

const ALLOW_HEADERS = 'authorization, content-type, accept, x-ably-version, ably-agent, x-ably-clientid, x-requested-with';
// ably-js must be able to read these cross-origin (protocol doc §2.5): error codes drive token renewal, link drives paging.
const EXPOSE_HEADERS = 'x-ably-errorcode, x-ably-errormessage, x-ably-serverid, link, x-baton-client-id, x-baton-chat-id';

export type OriginPolicy = (origin: string) => boolean;

/** Extension origins and loopback pages; anything else only when listed. */
export function createOriginPolicy(extra: readonly string[] = []): OriginPolicy {
  const listed = new Set(extra);
  return (origin) =>
    listed.has('*') ||
    listed.has(origin) ||
    /^(chrome|moz|safari-web)-extension:\/\/[\w.-]+$/.test(origin) ||
    /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/.test(origin);
}

/**
 * Adds CORS headers; answers preflights. Returns true when the request was a preflight and is now answered.
 * The origin is echoed (never `*`) because ably-js sends `credentials: 'include'` whenever an Authorization
 * header is present (fetchrequest.ts), and browsers reject `*` with credentials.
 */
export function applyCors(req: IncomingMessage, res: ServerResponse, allowed: OriginPolicy): boolean {
  const origin = req.headers.origin;
  if (origin !== undefined && allowed(origin)) {
    res.setHeader('access-control-allow-origin', origin);
    res.setHeader('access-control-allow-credentials', 'true');
    res.setHeader('access-control-expose-headers', EXPOSE_HEADERS);
    res.setHeader('vary', 'Origin');
  }
  if (req.method !== 'OPTIONS') return false;
  res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
  res.setHeader('access-control-allow-headers', req.headers['access-control-request-headers'] ?? ALLOW_HEADERS);
  res.setHeader('access-control-max-age', '600');
  res.writeHead(204);
  res.end();
  return true;
}
