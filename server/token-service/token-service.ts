// The token service: turns an authenticated agent or a visitor into a short-lived Ably JWT.
//   GET|POST /auth/agent    local: ?agentId=… (or JSON/form body); sso: identity from the proxy header
//   GET|POST /auth/visitor  new chat; with `Authorization: Bearer <previous visitor token>` renews the same chat
//   GET      /auth/agents   local mode only: the roster (for the demo's agent picker)
// Default response: the JWT as `application/jwt`, which ably-js' authUrl and an authCallback returning
// `await res.text()` use directly (RSA8c). `?format=json` (or Accept: application/json) returns details.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { decodeProtectedHeader, errors as joseErrors, jwtVerify } from 'jose';
import { applyCors, createOriginPolicy } from '../lib/cors.ts';
import { hmacKey } from '../lib/hmac-key.ts';
import { parseFormOrJson, readBody, sendJson, sendText } from '../lib/http.ts';
import { randomId } from '../realtime-hub/ids.ts';
import type { AgentAuthenticator } from './agent-identity.ts';
import { agentBaseChats, agentChatCapability } from './agent-capability.ts';
import type { ChatStates } from './chat-states.ts';
import type { Logger } from '../lib/log.ts';
import { parseUserClaim, principal } from '../../lib/chat/roles.ts';
import { agentCapability, layoutClaims, roleClaims, visitorCapability, visitorClientId } from './capabilities.ts';
import { LEGACY_LAYOUT, type PresenceLayout } from '../../lib/realtime/presence-shards.ts';
import type { CapabilityMap } from './capabilities.ts';
import type { Role, RosterAgent } from './roster.ts';
import { signAblyJwt } from './sign-token.ts';
import type { SigningKey } from './sign-token.ts';
import { createVisitorRateLimit, type RateLimitOptions } from './visitor-rate-limit.ts';

export interface TokenServiceOptions {
  key: SigningKey;
  mode: 'local' | 'sso';
  authenticateAgent: AgentAuthenticator;
  /** Shown by GET /auth/agents in local mode. */
  roster?: readonly RosterAgent[];
  agentTokenTtlSeconds?: number;
  visitorTokenTtlSeconds?: number;
  /** How long after expiry a visitor token may still be exchanged for a new one for the same chat. */
  visitorRenewGraceSeconds?: number;
  /**
   * How presence is sharded (presence-shards.ts): `{ shards: shardCountFor(agents) }`. Omitted: the previous
   * version's single `agents` and `lobby` channels (the first step of a rolling update, docs/admin).
   */
  presenceLayout?: PresenceLayout;
  /** Extra origins allowed to call /auth/agent (extension and loopback origins always are). */
  allowedOrigins?: readonly string[];
  /**
   * Reads and folds the chats an agent asks about (`chats=a,b,c`), to grant each what the agent may do on it now
   * (agent-capability.ts). Without it agents get no chat but what their role reads.
   */
  chatStates?: ChatStates;
  logger?: Logger;
  /** Per-IP limits on /auth/visitor (visitor-rate-limit.ts). */
  visitorRateLimit?: RateLimitOptions;
}

export interface TokenService {
  handleRequest(req: IncomingMessage, res: ServerResponse): boolean;
}

interface Issued {
  clientId: string;
  capability: CapabilityMap;
  role: Role | 'visitor';
  chatId?: string;
}

/** A chat id as the token service makes them (base64url), or as tests name them; never a `:` (a nested channel). */
const CHAT_ID = /^[\w.-]{1,64}$/;
/** Chats read per token request: the client asks for what it follows and the queue it serves (agent-capability.ts caps the grant). */
const MAX_CHATS_ASKED = 80;

/** The chat ids a client asks about: comma-separated, well-formed ones only, each once, the first MAX_CHATS_ASKED. */
export function parseChatIds(raw: unknown): string[] {
  if (typeof raw !== 'string') return [];
  return [...new Set(raw.split(',').filter((id) => CHAT_ID.test(id)))].slice(0, MAX_CHATS_ASKED);
}

export function createTokenService(options: TokenServiceOptions): TokenService {
  const agentOrigins = createOriginPolicy(options.allowedOrigins);
  const anyOrigin = () => true; // the visitor widget is embedded in arbitrary customer sites
  const agentTtl = options.agentTokenTtlSeconds ?? 3600;
  const visitorTtl = options.visitorTokenTtlSeconds ?? 3600;
  const visitorLimit = createVisitorRateLimit(options.visitorRateLimit);
  const layout = options.presenceLayout ?? LEGACY_LAYOUT;

  async function issue(req: IncomingMessage, res: ServerResponse, url: URL, what: Issued, ttl: number): Promise<void> {
    const signed = await signAblyJwt(options.key, { clientId: what.clientId, capability: what.capability, channelClaims: roleClaims(what.role), extraClaims: layoutClaims(layout), ttlSeconds: ttl });
    const headers: Record<string, string> = { 'x-baton-client-id': what.clientId, ...(what.chatId ? { 'x-baton-chat-id': what.chatId } : {}) };
    const wantsJson = url.searchParams.get('format') === 'json' || (req.headers.accept ?? '').startsWith('application/json');
    if (wantsJson) {
      sendJson(res, 200, { token: signed.token, issued: signed.issued, expires: signed.expires, clientId: what.clientId, role: what.role, capability: what.capability, ...(what.chatId ? { chatId: what.chatId } : {}) }, headers);
    } else {
      sendText(res, 200, signed.token, 'application/jwt', headers);
    }
  }

  async function params(req: IncomingMessage, url: URL): Promise<Record<string, unknown>> {
    const fromQuery = Object.fromEntries(url.searchParams);
    if (req.method !== 'POST') return fromQuery;
    const body = (await readBody(req, 16 * 1024)) ?? '';
    return { ...fromQuery, ...parseFormOrJson(body, req.headers['content-type']) };
  }

  async function agent(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const query = await params(req, url);
    const identity = options.authenticateAgent(req, query);
    // A 403 makes ably-js go FAILED (RSA4d) instead of retrying forever with a bad identity.
    if (!identity.ok) return sendJson(res, identity.status, { error: { message: identity.message, code: 40100 + (identity.status === 403 ? 3 : 0), statusCode: identity.status } });
    const a = identity.agent;
    const me = principal(a.id, parseUserClaim(roleClaims(a.role)['*']) ?? { kind: 'agent', manager: false, listener: false });
    const states = options.chatStates ? await options.chatStates(parseChatIds(query['chats'])) : [];
    const chats = agentChatCapability(me, states);
    if (chats.dropped > 0) options.logger?.warn('chat_grants_dropped', { agentId: a.id, dropped: chats.dropped });
    await issue(req, res, url, { clientId: a.id, capability: agentCapability(a.id, layout, { ...agentBaseChats(me), ...chats.capability }), role: a.role }, agentTtl);
  }

  /** The chat a previous visitor token was for, if its signature is ours (expired within the grace is fine). */
  async function previousChat(req: IncomingMessage): Promise<string | undefined> {
    const auth = req.headers.authorization;
    if (!auth?.toLowerCase().startsWith('bearer ')) return undefined;
    const token = auth.slice(7).trim();
    try {
      if (decodeProtectedHeader(token).kid !== options.key.keyName) return undefined;
      const grace = options.visitorRenewGraceSeconds ?? 86_400;
      const { payload } = await jwtVerify(token, await hmacKey(options.key.secret), { algorithms: ['HS256'], clockTolerance: grace });
      const clientId = payload['x-ably-clientId'];
      return typeof clientId === 'string' && clientId.startsWith('visitor:') ? clientId.slice('visitor:'.length) : undefined;
    } catch (error) {
      if (!(error instanceof joseErrors.JOSEError)) throw error;
      return undefined;
    }
  }

  async function visitor(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const previous = await previousChat(req);
    const allowed = visitorLimit.check(req, previous === undefined);
    if (!allowed.ok) return sendJson(res, 429, { error: { message: 'too many visitor tokens from this address', code: 42910, statusCode: 429 } }, { 'retry-after': String(allowed.retryAfterSeconds) });
    const chatId = previous ?? randomId(9);
    await issue(req, res, url, { clientId: visitorClientId(chatId), capability: visitorCapability(chatId, layout), role: 'visitor', chatId }, visitorTtl);
  }

  return {
    handleRequest(req, res) {
      const url = new URL(req.url ?? '/', 'http://token.local');
      const route = url.pathname;
      if (route !== '/auth/agent' && route !== '/auth/visitor' && route !== '/auth/agents') return false;
      if (applyCors(req, res, route === '/auth/visitor' ? anyOrigin : agentOrigins)) return true;
      if (req.method !== 'GET' && req.method !== 'POST') {
        sendJson(res, 405, { error: { message: 'method not allowed', code: 40500, statusCode: 405 } });
        return true;
      }
      const work =
        route === '/auth/agent'
          ? agent(req, res, url)
          : route === '/auth/visitor'
            ? visitor(req, res, url)
            : Promise.resolve(
                options.mode === 'local'
                  ? sendJson(res, 200, (options.roster ?? []).map(({ id, name, role }) => ({ id, name, role })))
                  : sendJson(res, 404, { error: { message: 'roster is only listed in local mode', code: 40400, statusCode: 404 } }),
              );
      work.catch(() => {
        if (!res.headersSent) sendJson(res, 500, { error: { message: 'unable to issue token', code: 50000, statusCode: 500 } });
      });
      return true;
    },
  };
}
