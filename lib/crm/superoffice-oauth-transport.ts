import * as v from 'valibot';
import { CrmError, type FetchLike } from './crm-adapter.ts';
import type { SuperOfficeTransport } from './superoffice-adapter.ts';

// SuperOffice's `oauth` mode: calls go from the background with `Authorization: Bearer <token>` (Online, OpenID
// Connect) or `SOTicket <ticket>` (on-site system user). The extension holds no secret: the token service keeps the
// client secret and refresh tokens and hands out short-lived access tokens with the tenant's WebAPI address (the id
// token's `webapi_url` claim). A 401 means the token ran out: fetch a fresh one and retry once. A 421 means the
// tenant moved to another server: ask the token service where it is now (it reads SuperOffice's
// `GET /api/state/<ctx>`) and retry once at the new address. docs/crm-adapters.md has the token service's side.

export interface SuperOfficeToken {
  scheme: 'Bearer' | 'SOTicket';
  token: string;
  /** The tenant's WebAPI root, e.g. `https://sod2.superoffice.com/Cust1/api/v1/`. */
  webApiUrl: string;
}

/**
 * `why` says what the previous token met: nothing yet, a 401, or a 421 (the tenant moved); `stale` is that token, so
 * the token service can tell a token it has already replaced from one it must replace now.
 */
export type SuperOfficeTokenSource = (why: 'first' | 'expired' | 'moved', stale?: SuperOfficeToken) => Promise<SuperOfficeToken>;

const TokenWire = v.object({
  scheme: v.picklist(['Bearer', 'SOTicket']),
  token: v.pipe(v.string(), v.minLength(1), v.maxLength(8192)),
  webApiUrl: v.pipe(v.string(), v.url(), v.regex(/^https?:\/\/[^/]+\/.*api\/v1\/$/i, 'webApiUrl must end in api/v1/')),
});

const TokenServiceError = v.object({ error: v.object({ message: v.pipe(v.string(), v.maxLength(400)) }) });

/**
 * The token source the background uses: `POST <tokenService>/auth/superoffice/token { why, agentId }`, signed in to
 * the token service as for the agent's own Ably token (the roster id in local mode; the SSO proxy's cookie in sso
 * mode, which `credentials: 'include'` sends).
 */
export function tokenServiceSuperOfficeTokens(options: { url: string; fetch: FetchLike; agentId?: () => Promise<string | undefined> }): SuperOfficeTokenSource {
  return async (why, stale) => {
    const agentId = await options.agentId?.();
    let response: Response;
    try {
      response = await options.fetch(options.url, { method: 'POST', credentials: 'include', headers: { accept: 'application/json', 'content-type': 'application/json' }, body: JSON.stringify({ why, ...(agentId ? { agentId } : {}), ...(why === 'expired' && stale ? { token: stale.token } : {}) }) });
    } catch {
      throw new CrmError('unavailable', 'unable to sign in to SuperOffice; the token service could not be reached');
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      // The token service's own words when it gives them ("… has no SuperOffice app set up"), else the status.
      const said = v.safeParse(TokenServiceError, body);
      const why = said.success ? said.output.error.message.replace(/^unable to sign in to SuperOffice; /, '') : `the token service answered HTTP ${response.status}`;
      throw new CrmError(response.status === 401 || response.status === 403 ? 'not-allowed' : 'unavailable', `unable to sign in to SuperOffice; ${why}`, response.status);
    }
    const parsed = v.safeParse(TokenWire, body);
    if (!parsed.success) throw new CrmError('bad-response', 'unable to sign in to SuperOffice; the token service answered something Baton does not understand');
    return parsed.output;
  };
}

export function createOAuthTransport(options: { fetch: FetchLike; tokens: SuperOfficeTokenSource }): SuperOfficeTransport {
  let current: Promise<SuperOfficeToken> | undefined;
  const token = (why: 'first' | 'expired' | 'moved', stale?: SuperOfficeToken) => {
    const next = options.tokens(why, stale);
    current = next;
    next.catch(() => {
      if (current === next) current = undefined;
    });
    return next;
  };

  const once = async (t: SuperOfficeToken, call: Parameters<SuperOfficeTransport>[0], signal: AbortSignal | undefined) => {
    const headers: Record<string, string> = { accept: 'application/json', authorization: `${t.scheme} ${t.token}` };
    if (call.body !== undefined) headers['content-type'] = 'application/json; charset=utf-8';
    let response: Response;
    try {
      response = await options.fetch(new URL(call.path, t.webApiUrl).href, { method: call.method, headers, signal: signal ?? null, ...(call.body !== undefined ? { body: JSON.stringify(call.body) } : {}) });
    } catch (error) {
      if (signal?.aborted) throw new CrmError('unavailable', 'unable to reach SuperOffice; cancelled');
      throw new CrmError('unavailable', `unable to reach SuperOffice; the network failed (${error instanceof Error ? error.message.slice(0, 200) : 'no detail'}); try again in a moment`);
    }
    const text = await response.text().catch(() => '');
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      body = undefined;
    }
    return { status: response.status, body };
  };

  return async (call, callOptions) => {
    const signal = callOptions?.signal;
    const first = await (current ?? token('first'));
    const answer = await once(first, call, signal);
    if (answer.status !== 401 && answer.status !== 421) return answer;
    const retry = await token(answer.status === 401 ? 'expired' : 'moved', first);
    // A tenant that "moved" to where it already was has not moved: the 421 stands.
    if (answer.status === 421 && retry.webApiUrl === first.webApiUrl) return answer;
    return once(retry, call, signal);
  };
}
