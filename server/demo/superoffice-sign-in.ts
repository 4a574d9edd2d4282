import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { UnsecuredJWT } from 'jose';
import { readBody, sendJson } from '../lib/http.ts';

// How the SuperOffice stand-in signs in an app, for the `oauth` mode (docs/crm-adapters.md), shaped as SuperOffice
// Online documents it (SuperOfficeDocs/superoffice-docs, docs/en/authentication/online and apps/tenant-status):
//   POST <stand-in>/login/common/oauth/tokens  form grant_type=refresh_token|client_credentials, client_id,
//        client_secret[, refresh_token] → { access_token, token_type: "Bearer", expires_in, id_token }, the id token
//        naming the tenant's WebAPI (`http://schemes.superoffice.net/identity/webapi_url`) and context id
//   GET  <stand-in>/api/state/<ctx> → { ContextIdentifier, Endpoint, State, IsRunning, ValidUntil, Api }
// WebAPI calls with `Authorization: Bearer <access_token>` are signed in; an expired or unknown token gets 401.
// `moveTo(host)` plays SuperOffice moving the tenant to another server: calls to any other host name get 421, and
// the state API names the new Endpoint. Tokens live in memory; this is a test and demo double, never a server.

export const LOGIN_PATH = '/crm/login/common/oauth/tokens';
export const STATE_PREFIX = '/crm/api/state/';
export const CONTEXT_ID = 'Cust0';
export const WEBAPI_URL_CLAIM = 'http://schemes.superoffice.net/identity/webapi_url';
export const CONTEXT_CLAIM = 'http://schemes.superoffice.net/identity/ctx';

export interface StandInApp {
  clientId: string;
  clientSecret: string;
  /** The refresh token an admin's consent would have given the app. */
  refreshToken: string;
}

export interface StandInSignIn {
  readonly app: StandInApp;
  /** `token` when the Authorization header carries a live access token, `rejected` for a dead one, `none` without. */
  bearer(req: IncomingMessage): 'token' | 'rejected' | 'none';
  /** True when the tenant has moved and this request's Host is not where it lives now (answer 421). */
  misdirected(req: IncomingMessage): boolean;
  /** Every access token handed out so far stops working (as when they run out). */
  expireTokens(): void;
  /** The tenant now lives at this host name (`localhost` or `127.0.0.1`); undefined: anywhere. */
  moveTo(host: string | undefined): void;
  handle(req: IncomingMessage, res: ServerResponse, pathname: string): boolean;
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function hostName(req: IncomingMessage): string {
  return (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
}

function port(req: IncomingMessage): string {
  return /:(\d+)$/.exec(req.headers.host ?? '')?.[1] ?? '80';
}

export function createStandInSignIn(options: { app?: StandInApp; tokenTtlSeconds?: number; now?: () => number } = {}): StandInSignIn {
  const app = options.app ?? { clientId: 'baton-demo', clientSecret: randomBytes(18).toString('base64url'), refreshToken: randomBytes(18).toString('base64url') };
  const ttl = options.tokenTtlSeconds ?? 3600;
  const now = options.now ?? Date.now;
  const tokens = new Map<string, number>();
  let home: string | undefined;

  const tenantRoot = (req: IncomingMessage) => `http://${home ?? (hostName(req) || '127.0.0.1')}:${port(req)}/crm`;

  const issue = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'POST') return sendJson(res, 405, { error: 'invalid_request', error_description: 'POST only' }, { allow: 'POST' });
    const form = new URLSearchParams((await readBody(req, 16 * 1024)) ?? '');
    const grant = form.get('grant_type');
    const clientOk = same(form.get('client_id') ?? '', app.clientId) && same(form.get('client_secret') ?? '', app.clientSecret);
    if (!clientOk) return sendJson(res, 401, { error: 'invalid_client', error_description: 'Unknown client or wrong secret' });
    if (grant === 'refresh_token' && !same(form.get('refresh_token') ?? '', app.refreshToken)) {
      return sendJson(res, 400, { error: 'invalid_grant', error_description: 'The refresh token is not valid' });
    }
    if (grant !== 'refresh_token' && grant !== 'client_credentials') return sendJson(res, 400, { error: 'unsupported_grant_type' });
    const token = `8A:${CONTEXT_ID}.${randomBytes(24).toString('base64url')}`;
    tokens.set(token, now() + ttl * 1000);
    const root = tenantRoot(req);
    // SuperOffice signs its id tokens; the stand-in need not, since a token service reads them straight from the
    // token endpoint over its own connection (OpenID Connect Core 1.0, 3.1.3.7 step 6).
    const idToken = new UnsecuredJWT({ [WEBAPI_URL_CLAIM]: `${root}/api/v1/`, [CONTEXT_CLAIM]: CONTEXT_ID, sub: 'system-user' })
      .setIssuer(`http://${hostName(req)}:${port(req)}`)
      .setAudience(app.clientId)
      .setIssuedAt()
      .setExpirationTime('1h')
      .encode();
    sendJson(res, 200, { access_token: token, token_type: 'Bearer', expires_in: ttl, id_token: idToken });
  };

  const state = (req: IncomingMessage, res: ServerResponse, ctx: string) => {
    if (ctx !== CONTEXT_ID) return sendJson(res, 404, { ContextIdentifier: ctx, State: 'Unknown', IsRunning: false });
    const endpoint = tenantRoot(req);
    sendJson(res, 200, { ContextIdentifier: CONTEXT_ID, Endpoint: endpoint, State: 'Running', IsRunning: true, ValidUntil: new Date(now() + 600_000).toISOString(), Api: `${endpoint}/api` });
  };

  return {
    app,
    bearer(req) {
      const auth = req.headers.authorization;
      if (!auth) return 'none';
      const token = /^Bearer (.+)$/i.exec(auth)?.[1]?.trim();
      const expires = token === undefined ? undefined : tokens.get(token);
      return expires !== undefined && expires > now() ? 'token' : 'rejected';
    },
    misdirected(req) {
      return home !== undefined && hostName(req) !== home;
    },
    expireTokens() {
      for (const token of tokens.keys()) tokens.set(token, 0);
    },
    moveTo(host) {
      home = host?.toLowerCase();
    },
    handle(req, res, pathname) {
      if (pathname === LOGIN_PATH) {
        void issue(req, res).catch(() => res.headersSent || sendJson(res, 500, { error: 'server_error' }));
        return true;
      }
      if (pathname.startsWith(STATE_PREFIX) && req.method === 'GET') {
        state(req, res, decodeURIComponent(pathname.slice(STATE_PREFIX.length)));
        return true;
      }
      return false;
    },
  };
}
