// `POST /auth/superoffice/token { why: "first" | "expired" | "moved" }`: SuperOffice's `oauth` mode, the token
// service's half (docs/crm-adapters.md). An agent who signs in to the token service as for `/auth/agent` (the
// roster id in local mode, the SSO proxy's headers in sso mode) gets `{ scheme, token, webApiUrl, expiresIn }`:
// a short-lived SuperOffice access token and the tenant's WebAPI address. The app's secrets stay here.
//   first    → the cached token while it lives, else a new one
//   expired  → SuperOffice said 401 to `token`: a new one (unless the cached one is already another, live token)
//   moved    → SuperOffice said 421: ask the state API where the tenant lives now, and hand out that address
// Every agent shares one app token; one request to SuperOffice runs at a time, whoever asks meanwhile waits for it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { applyCors, createOriginPolicy } from '../lib/cors.ts';
import { parseFormOrJson, readBody, sendJson } from '../lib/http.ts';
import { silentLogger, type Logger } from '../lib/log.ts';
import type { AgentAuthenticator } from './agent-identity.ts';
import { movedWebApiUrl, requestAppToken, type AppToken, type SuperOfficeAppConfig } from './superoffice-app.ts';

export const SUPEROFFICE_TOKEN_PATH = '/auth/superoffice/token';

export interface SuperOfficeTokenEndpointOptions {
  /** The app (read per request: the local server knows its own address only once it listens); without it, 501. */
  app: () => SuperOfficeAppConfig | undefined;
  authenticateAgent: AgentAuthenticator;
  allowedOrigins?: readonly string[];
  fetch?: (input: string, init?: RequestInit) => Promise<Response>;
  now?: () => number;
  logger?: Logger;
}

export function createSuperOfficeTokenEndpoint(options: SuperOfficeTokenEndpointOptions) {
  const origins = createOriginPolicy(options.allowedOrigins);
  const fetchFn = options.fetch ?? ((input: string, init?: RequestInit) => fetch(input, init));
  const now = options.now ?? Date.now;
  const log = options.logger ?? silentLogger;
  let current: AppToken | undefined;
  /** Where the tenant lives after a 421, kept for the tokens that follow (their id token names the old place). */
  let movedTo: string | undefined;
  let inFlight: Promise<AppToken> | undefined;

  // One request to SuperOffice at a time, shared by every agent asking meanwhile.
  const once = (work: () => Promise<AppToken>) => {
    inFlight ??= work().finally(() => (inFlight = undefined));
    return inFlight;
  };

  const refresh = (app: SuperOfficeAppConfig) =>
    once(async () => {
      const token = await requestAppToken(app, fetchFn, now());
      current = movedTo ? { ...token, webApiUrl: movedTo } : token;
      log.info('superoffice_token_issued', { webApiUrl: current.webApiUrl });
      return current;
    });

  const live = () => (current && current.expiresAt > now() ? current : undefined);

  const tokenFor = async (app: SuperOfficeAppConfig, why: string, stale: unknown): Promise<AppToken> => {
    const cached = live();
    if (why === 'expired') return cached && cached.token !== stale ? cached : inFlight ?? refresh(app);
    const token = cached ?? (await (inFlight ?? refresh(app)));
    if (why !== 'moved') return token;
    const contextId = app.contextId ?? token.contextId;
    if (!contextId) throw new Error('the tenant moved and its context id is unknown: set BATON_SO_CONTEXT_ID');
    return once(async () => {
      movedTo = await movedWebApiUrl(app, contextId, fetchFn);
      log.info('superoffice_tenant_moved', { webApiUrl: movedTo });
      current = { ...token, webApiUrl: movedTo };
      return current;
    });
  };

  const answer = async (req: IncomingMessage, res: ServerResponse) => {
    const params = parseFormOrJson((await readBody(req, 16 * 1024)) ?? '', req.headers['content-type']);
    const identity = options.authenticateAgent(req, params);
    if (!identity.ok) return sendJson(res, identity.status, { error: { message: identity.message, statusCode: identity.status } });
    const why = params['why'] === 'expired' || params['why'] === 'moved' ? params['why'] : 'first';
    const app = options.app();
    if (!app) {
      return sendJson(res, 501, { error: { message: 'unable to sign in to SuperOffice; this token service has no SuperOffice app set up (BATON_SO_CLIENT_ID and the settings in docs/crm-adapters.md)', statusCode: 501 } });
    }
    try {
      const token = await tokenFor(app, why, params['token']);
      sendJson(res, 200, { scheme: token.scheme, token: token.token, webApiUrl: token.webApiUrl, expiresIn: Math.max(0, Math.round((token.expiresAt - now()) / 1000)) });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log.warn('superoffice_token_failed', { agent: identity.agent.id, why, error: message.slice(0, 200) });
      sendJson(res, 502, { error: { message: `unable to sign in to SuperOffice; ${message.slice(0, 300)}`, statusCode: 502 } });
    }
  };

  return {
    handleRequest(req: IncomingMessage, res: ServerResponse): boolean {
      const path = (req.url ?? '/').split('?')[0];
      if (path !== SUPEROFFICE_TOKEN_PATH) return false;
      if (applyCors(req, res, origins)) return true;
      if (req.method !== 'POST') {
        sendJson(res, 405, { error: { message: 'POST only', statusCode: 405 } }, { allow: 'POST' });
        return true;
      }
      answer(req, res).catch(() => {
        if (!res.headersSent) sendJson(res, 500, { error: { message: 'unable to sign in to SuperOffice; internal error', statusCode: 500 } });
      });
      return true;
    },
  };
}
