import { decodeJwt } from 'jose';
import * as v from 'valibot';

// The token service's side of SuperOffice's `oauth` mode: it holds the app's secrets (client id and secret, and a
// refresh token from the admin's consent, or a client-credentials grant) and turns them into short-lived access
// tokens for Baton's background. Nothing here ever reaches the extension except the access token itself.
//
// SuperOffice Online (SuperOfficeDocs/superoffice-docs, docs/en/authentication/online): `POST https://<env>.
// superoffice.com/login/common/oauth/tokens` with `grant_type=refresh_token`, `client_id`, `client_secret`,
// `refresh_token`, `redirect_uri` (form-encoded) → `{ access_token, token_type, expires_in, id_token }`; the id
// token's `http://schemes.superoffice.net/identity/webapi_url` claim names the tenant's WebAPI. A tenant is moved
// between servers to balance load; its WebAPI then answers 421 and `GET https://<env>.superoffice.com/api/state/
// <ctx>` names its new `Endpoint` (docs/en/apps/tenant-status).

export interface SuperOfficeAppConfig {
  /** The OAuth token endpoint, e.g. `https://online.superoffice.com/login/common/oauth/tokens`. */
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** `refresh_token` with the token from the admin's consent (Online), or `client_credentials`. */
  grant: { type: 'refresh_token'; refreshToken: string; redirectUri?: string } | { type: 'client_credentials'; scope?: string };
  /** The tenant's WebAPI root (`…/api/v1/`); read from the id token when absent. */
  webApiUrl?: string;
  /** SuperOffice's context identifier (`Cust12345`); read from the id token when absent. */
  contextId?: string;
  /** Where the state API lives (`https://<env>.superoffice.com/api/state/`); next to the token endpoint by default. */
  stateUrl?: string;
}

export interface AppToken {
  scheme: 'Bearer';
  token: string;
  webApiUrl: string;
  /** Epoch ms after which the token service asks for a new one. */
  expiresAt: number;
  contextId?: string;
}

export const WEBAPI_URL_CLAIMS = ['http://schemes.superoffice.net/identity/webapi_url', 'webapi_url'];
export const CONTEXT_CLAIMS = ['http://schemes.superoffice.net/identity/ctx', 'ctx'];

const HttpUrl = v.pipe(v.string(), v.url(), v.regex(/^https?:\/\//i, 'must be http(s)'));
const Secret = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(4096));

const TokenAnswer = v.object({
  access_token: v.pipe(v.string(), v.minLength(1), v.maxLength(8192)),
  token_type: v.optional(v.string()),
  expires_in: v.optional(v.union([v.number(), v.pipe(v.string(), v.regex(/^\d+$/), v.transform(Number))])),
  id_token: v.optional(v.string()),
});

const StateAnswer = v.looseObject({ ContextIdentifier: v.optional(v.string()), Endpoint: HttpUrl, IsRunning: v.optional(v.boolean()), State: v.optional(v.string()) });

/** The app's configuration from the environment, or undefined when none is set; throws naming a bad setting. */
export function superOfficeAppFromEnv(env: Record<string, string | undefined>): SuperOfficeAppConfig | undefined {
  if (!env['BATON_SO_CLIENT_ID']) return undefined;
  const read = <T>(name: string, schema: v.GenericSchema<unknown, T>, value = env[name]): T => {
    const parsed = v.safeParse(schema, value);
    if (!parsed.success) throw new Error(`${name}: ${parsed.issues[0].message}`);
    return parsed.output;
  };
  const refreshToken = env['BATON_SO_REFRESH_TOKEN'];
  const optional = (name: string) => (env[name] ? read(name, HttpUrl) : undefined);
  const webApiUrl = optional('BATON_SO_WEBAPI_URL');
  const stateUrl = optional('BATON_SO_STATE_URL');
  const redirectUri = optional('BATON_SO_REDIRECT_URI');
  return {
    tokenUrl: read('BATON_SO_TOKEN_URL', HttpUrl, env['BATON_SO_TOKEN_URL'] ?? 'https://online.superoffice.com/login/common/oauth/tokens'),
    clientId: read('BATON_SO_CLIENT_ID', Secret),
    clientSecret: read('BATON_SO_CLIENT_SECRET', Secret),
    grant: refreshToken ? { type: 'refresh_token', refreshToken: read('BATON_SO_REFRESH_TOKEN', Secret), ...(redirectUri ? { redirectUri } : {}) } : { type: 'client_credentials', ...(env['BATON_SO_SCOPE'] ? { scope: env['BATON_SO_SCOPE'] } : {}) },
    ...(webApiUrl ? { webApiUrl } : {}),
    ...(stateUrl ? { stateUrl } : {}),
    ...(env['BATON_SO_CONTEXT_ID'] ? { contextId: read('BATON_SO_CONTEXT_ID', v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/))) } : {}),
  };
}

function claim(claims: Record<string, unknown>, names: readonly string[]): string | undefined {
  for (const name of names) if (typeof claims[name] === 'string') return claims[name];
  return undefined;
}

/** `…/api/v1/` for a tenant root, a WebAPI root or a `…/api` link, whichever form SuperOffice gave. */
export function webApiRoot(address: string): string {
  const url = new URL(address);
  const path = url.pathname.replace(/\/+$/, '');
  url.pathname = /\/api\/v1$/i.test(path) ? `${path}/` : /\/api$/i.test(path) ? `${path}/v1/` : `${path}/api/v1/`;
  return url.href;
}

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** One access token from the app's token endpoint. Throws an Error whose message says what went wrong. */
export async function requestAppToken(config: SuperOfficeAppConfig, fetchFn: Fetch, now: number): Promise<AppToken> {
  const form = new URLSearchParams({ client_id: config.clientId, client_secret: config.clientSecret, grant_type: config.grant.type });
  if (config.grant.type === 'refresh_token') {
    form.set('refresh_token', config.grant.refreshToken);
    if (config.grant.redirectUri) form.set('redirect_uri', config.grant.redirectUri);
  } else if (config.grant.scope) form.set('scope', config.grant.scope);
  const response = await fetchFn(config.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body: form.toString(), redirect: 'error' });
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = typeof body === 'object' && body !== null ? String((body as Record<string, unknown>)['error'] ?? '') : '';
    throw new Error(`SuperOffice's token endpoint answered HTTP ${response.status}${error ? ` (${error.slice(0, 60)})` : ''}`);
  }
  const parsed = v.safeParse(TokenAnswer, body);
  if (!parsed.success) throw new Error("SuperOffice's token endpoint answered something that is not a token");
  let claims: Record<string, unknown> = {};
  try {
    // Read straight from the token endpoint over TLS, the id token needs no signature check to be trusted for
    // these claims (OpenID Connect Core 1.0, 3.1.3.7 step 6).
    if (parsed.output.id_token) claims = decodeJwt(parsed.output.id_token);
  } catch {
    claims = {};
  }
  const named = config.webApiUrl ?? claim(claims, WEBAPI_URL_CLAIMS);
  if (!named || !v.is(HttpUrl, named)) throw new Error('no WebAPI address: set BATON_SO_WEBAPI_URL or use a token endpoint whose id token names webapi_url');
  const contextId = config.contextId ?? claim(claims, CONTEXT_CLAIMS);
  const lifetime = Math.min(Math.max(parsed.output.expires_in ?? 300, 30), 24 * 3600);
  return { scheme: 'Bearer', token: parsed.output.access_token, webApiUrl: webApiRoot(named), expiresAt: now + (lifetime - 20) * 1000, ...(contextId ? { contextId } : {}) };
}

/** Where the tenant lives now, from SuperOffice's state API (`GET <stateUrl><ctx>`), as a WebAPI root. */
export async function movedWebApiUrl(config: SuperOfficeAppConfig, contextId: string, fetchFn: Fetch): Promise<string> {
  const stateUrl = config.stateUrl ?? new URL('../../../api/state/', config.tokenUrl).href;
  const response = await fetchFn(new URL(encodeURIComponent(contextId), stateUrl).href, { headers: { accept: 'application/json' }, redirect: 'error' });
  const body: unknown = await response.json().catch(() => undefined);
  const parsed = v.safeParse(StateAnswer, body);
  if (!response.ok || !parsed.success) throw new Error(`SuperOffice's state API answered HTTP ${response.status} without the tenant's address`);
  if (parsed.output.IsRunning === false) throw new Error(`the SuperOffice tenant ${contextId} is not running (${(parsed.output.State ?? 'unknown').slice(0, 40)})`);
  return webApiRoot(parsed.output.Endpoint);
}
