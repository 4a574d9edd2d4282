// `session` mode (the default for SuperOffice): the background asks Baton's content script in a SuperOffice tab to
// make a WebAPI call the way SuperOffice's own web client does — same origin, the agent's session cookie, and the
// `X-XSRF-TOKEN` header from the page's hidden input `XSRF_TOKEN` or the `XSRF-TOKEN` cookie (SuperOffice's REST
// reference: "If not using Authorization header, you must provide XSRF value from cookie or hidden input field").
// The agent's own SuperOffice rights apply and the organisation registers nothing.
//
// This file is what the content script bundles, so it stays free of libraries: the background parses the reply
// with valibot (superoffice-session-transport.ts). Why the page cannot read or forge these: docs/security.md.

export const SUPEROFFICE_CALL = 'baton:superoffice-call';

export interface SuperOfficeCallMessage {
  type: typeof SUPEROFFICE_CALL;
  /** The web client root the policy names, e.g. `https://online.superoffice.com/Cust1/`. */
  tenantUrl: string;
  method: 'GET' | 'POST';
  /** Relative to `<tenantUrl>api/v1/`. */
  path: string;
  /** JSON text for POST. */
  body?: string;
}

export type SuperOfficeCallReply =
  | { ok: true; status: number; text: string; json: boolean }
  | { ok: false; reason: 'wrong-page' | 'signed-out' | 'network' | 'bad-call'; detail?: string };

/** The largest answer relayed; SuperOffice's person and ticket answers are a few KB. */
export const MAX_REPLY_CHARS = 2_000_000;

const PATH = /^[A-Za-z][A-Za-z0-9/]{0,100}(\?[^#\s]{0,4000})?$/;

/**
 * The absolute WebAPI address for a call, or undefined when the call would leave the tenant's `api/v1/` on the
 * page's own origin (another host, `..`, an absolute path): the content script makes no other request.
 */
export function webApiUrl(tenantUrl: string, path: string, pageUrl: string): string | undefined {
  if (!PATH.test(path) || path.includes('..') || path.includes('//')) return undefined;
  let root: URL;
  let page: URL;
  try {
    root = new URL(tenantUrl.endsWith('/') ? tenantUrl : `${tenantUrl}/`);
    page = new URL(pageUrl);
  } catch {
    return undefined;
  }
  if (root.origin !== page.origin || !page.pathname.toLowerCase().startsWith(root.pathname.toLowerCase())) return undefined;
  const api = new URL('api/v1/', root);
  const url = new URL(path, api);
  return url.origin === root.origin && url.pathname.startsWith(api.pathname) ? url.href : undefined;
}

/** The XSRF token as SuperOffice's web client keeps it: hidden input first, then the cookie. */
export function readXsrfToken(doc: Pick<Document, 'querySelector' | 'cookie'>): string | undefined {
  const input = doc.querySelector<HTMLInputElement>('input[name="XSRF_TOKEN"], input#XSRF_TOKEN');
  const fromInput = input?.value.trim();
  if (fromInput) return fromInput;
  for (const part of doc.cookie.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === 'XSRF-TOKEN' && rest.length > 0) {
      const value = rest.join('=');
      try {
        return decodeURIComponent(value) || undefined;
      } catch {
        return value || undefined;
      }
    }
  }
  return undefined;
}

export function isSuperOfficeCall(message: unknown): message is SuperOfficeCallMessage {
  if (typeof message !== 'object' || message === null) return false;
  const m = message as Record<string, unknown>;
  return (
    m.type === SUPEROFFICE_CALL &&
    typeof m.tenantUrl === 'string' &&
    (m.method === 'GET' || m.method === 'POST') &&
    typeof m.path === 'string' &&
    (m.body === undefined || typeof m.body === 'string')
  );
}

/**
 * Runs one call in the content script. `fetchFn` is the content script's own fetch (isolated world; in Firefox
 * `content.fetch`, which sends the page's cookies), never the page's `window.fetch`, which page scripts can replace.
 */
export async function runSuperOfficeCall(
  message: SuperOfficeCallMessage,
  env: { pageUrl: string; doc: Pick<Document, 'querySelector' | 'cookie'>; fetchFn: typeof fetch },
): Promise<SuperOfficeCallReply> {
  const url = webApiUrl(message.tenantUrl, message.path, env.pageUrl);
  if (!url) return { ok: false, reason: 'wrong-page' };
  const token = readXsrfToken(env.doc);
  if (!token) return { ok: false, reason: 'signed-out' };
  const headers: Record<string, string> = { accept: 'application/json', 'X-XSRF-TOKEN': token };
  if (message.body !== undefined) headers['content-type'] = 'application/json; charset=utf-8';
  // Called unbound: a native fetch called as `env.fetchFn(…)` throws "Illegal invocation".
  const fetchFn = env.fetchFn;
  let response: Response;
  try {
    response = await fetchFn(url, { method: message.method, headers, credentials: 'same-origin', redirect: 'manual', ...(message.body !== undefined ? { body: message.body } : {}) });
  } catch (error) {
    return { ok: false, reason: 'network', detail: error instanceof Error ? error.message.slice(0, 200) : 'failed' };
  }
  // A redirect is the web client sending a signed-out session to its login page.
  if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) return { ok: false, reason: 'signed-out' };
  const text = (await response.text().catch(() => '')).slice(0, MAX_REPLY_CHARS);
  return { ok: true, status: response.status, text, json: /json/i.test(response.headers.get('content-type') ?? '') };
}
