// createHub: the local Ably-compatible realtime hub as a composable request/upgrade handler, so serve.ts, tests
// and the bench can mount it on any http.Server (including port 0).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import { applyCors } from '../lib/cors.ts';
import { createLogger } from '../lib/log.ts';
import type { Logger } from '../lib/log.ts';
import { ChannelRegistry } from './channels.ts';
import type { RetentionPolicy } from './channel-log.ts';
import { parseApiKey, verifyJwt, verifyKey } from './credentials.ts';
import type { ApiKey, CredentialResult } from './credentials.ts';
import type { HubConfig, HubContext } from './hub-context.ts';
import { randomId } from './ids.ts';
import { limitsFor } from './limits.ts';
import type { HubLimits, LimitsMode } from './limits.ts';
import { createMessageStore } from './message-store.ts';
import { parseConnectParams } from './parse-frame.ts';
import type { ConnectParams } from './parse-frame.ts';
import { Action, ErrorCode, errorInfo } from './protocol.ts';
import type { WireErrorInfo } from './protocol.ts';
import { PenaltyBox, penaltyIdentity } from './penalty-box.ts';
import { handleRest } from './rest.ts';
import { createRevocations, handleRevoke, REVOKE_PATH, revokedError } from './revocation.ts';
import { Session } from './session.ts';
import type { LogIo } from './log-file.ts';

export interface HubOptions extends Partial<Omit<HubConfig, 'keys' | 'serverId' | 'limits'>> {
  /** Ably's limits (default), `'none'` to lift them, or Ably's with some changed (a commented opt-out). */
  limits?: LimitsMode | Partial<HubLimits>;
  /** API keys `keyName:secret` (secret without '.' or ':'). At least one. */
  keys: readonly (string | ApiKey)[];
  /** Durable history directory; omitted = in memory only. */
  dataDir?: string;
  retention?: (channel: string) => RetentionPolicy;
  memoryWindow?: number;
  maxLoadedChannels?: number;
  fsync?: boolean;
  /** The store's file operations; tests make a write fail to see a publish NACKed as on a full disk. */
  io?: LogIo;
  logger?: Logger;
}

export interface HubStats {
  sockets: number;
  sessions: number;
  liveChannels: number;
  loadedChannelLogs: number;
  heapUsedBytes: number;
}

export interface Hub {
  /** Handles hub REST paths (and CORS preflights for them); false when the path is not the hub's. */
  handleRequest(req: IncomingMessage, res: ServerResponse): boolean;
  /** Handles the WebSocket upgrade on `/` (ably-js always uses `/`, RTN2); false for other paths. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Drops every socket without CLOSED (clients see a crash and will resume elsewhere/later) and closes the store. */
  close(): Promise<void>;
  stats(): HubStats;
  readonly keys: readonly ApiKey[];
}

const HUB_PATHS = /^\/(time|is-the-internet-up\.txt|channels\/.+|keys\/[^/]+\/revokeTokens)$/;

export function createHub(options: HubOptions): Hub {
  const keys = options.keys.map((k) => (typeof k === 'string' ? parseApiKey(k) : k)).filter((k): k is ApiKey => k !== undefined);
  if (keys.length === 0) throw new Error('createHub: at least one valid key (keyName:secret) is required');
  const log = options.logger ?? createLogger({ component: 'hub' });
  const limits = typeof options.limits === 'string' ? limitsFor(options.limits) : limitsFor('ably', options.limits);
  const config: HubConfig = {
    keys,
    limits,
    connectionStateTtlMs: options.connectionStateTtlMs ?? limits.connectionStateTtlMs,
    presenceLeaveDelayMs: options.presenceLeaveDelayMs ?? 15_000,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 15_000,
    maxMessageSize: options.maxMessageSize ?? limits.maxMessageSize,
    maxFrameSize: options.maxFrameSize ?? 524_288,
    authRequestLeadMs: options.authRequestLeadMs ?? 30_000,
    maxBufferedBytes: options.maxBufferedBytes ?? 8 * 1024 * 1024,
    serverId: `hub-${randomId(4)}`,
  };
  const store = createMessageStore({
    dataDir: options.dataDir,
    retention: options.retention,
    memoryWindow: options.memoryWindow,
    maxLoadedChannels: options.maxLoadedChannels,
    fsync: options.fsync,
    ...(options.io ? { io: options.io } : {}),
    notice: (event, fields) => log.warn(event, fields),
  });
  const registry = new ChannelRegistry(store);
  const sessions = new Map<string, Session>();
  const byKey = new Map<string, Session>();
  const revocations = createRevocations();
  const penalties = new PenaltyBox();
  const ctx: HubContext = {
    config,
    registry,
    log,
    revocations,
    penalize(principal) {
      const ms = penalties.penalize(penaltyIdentity(principal));
      log.warn('client_boxed', { keyName: principal.keyName, clientId: principal.clientId, ms });
    },
    forget(connectionId) {
      const session = sessions.get(connectionId);
      sessions.delete(connectionId);
      if (session) byKey.delete(session.connectionKey);
    },
  };
  const wss = new WebSocketServer({ noServer: true, maxPayload: config.maxFrameSize, perMessageDeflate: false });
  const allOrigins = () => true;
  let closed = false;

  function refuse(ws: WebSocket, error: WireErrorInfo): void {
    // Connection-level ERROR (RTN14g); a token error here makes ably-js renew once and retry (RTN14b).
    log.info('connect_refused', { code: error.code, reason: error.message });
    ws.send(JSON.stringify({ action: Action.ERROR, error }));
    ws.resume(); // a paused socket could not complete the closing handshake
    ws.close(1000);
  }

  async function authenticate(params: ConnectParams): Promise<CredentialResult> {
    if (params.key !== undefined) return verifyKey(params.key, keys, params.clientId);
    if (params.accessToken !== undefined) {
      const result = await verifyJwt(params.accessToken, keys);
      if (result.ok && revocations.isRevoked(result.principal)) return { ok: false, error: revokedError() };
      if (!result.ok || params.clientId === undefined) return result;
      const own = result.principal.clientId;
      if (own === '*') return { ok: true, principal: { ...result.principal, clientId: params.clientId } };
      if (own !== params.clientId) return { ok: false, error: errorInfo(ErrorCode.INCOMPATIBLE_CREDENTIALS, 401, 'clientId does not match the token') };
      return result;
    }
    return { ok: false, error: errorInfo(ErrorCode.UNAUTHORIZED, 401, 'no key or access_token given') };
  }

  /** A client cut for abuse is refused before the WebSocket opens, as Ably's edge does (penalty-box.ts). */
  async function admitAtTheDoor(req: IncomingMessage, socket: Duplex): Promise<boolean> {
    const auth = await authenticate(parseConnectParams(new URL(req.url ?? '/', 'http://hub.local')));
    const waitMs = auth.ok ? penalties.refusedFor(penaltyIdentity(auth.principal)) : 0;
    if (socket.destroyed) return false;
    if (waitMs === 0) return true;
    const message = 'rate limit exceeded; too many requests';
    socket.end(
      `HTTP/1.1 429 Too Many Requests\r\nx-ably-errorcode: 42922\r\nx-ably-errormessage: ${message}\r\n` +
        `retry-after: ${Math.ceil(waitMs / 1000)}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n`,
    );
    return false;
  }

  async function onConnection(ws: WebSocket, req: IncomingMessage): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://hub.local');
    if (url.pathname === '/ws-up') return ws.close(1000); // wsConnectivityCheckUrl target (protocol doc §2.3)
    ws.pause(); // frames wait while the token is verified, then flow in order
    const params = parseConnectParams(url);
    if (params.format !== 'json') return refuse(ws, errorInfo(ErrorCode.BAD_REQUEST, 400, 'only format=json is supported; set useBinaryProtocol: false'));
    const auth = await authenticate(params);
    // The socket may have closed while the token was verified: a session bound to it now would never see its
    // close event and would keep its heartbeat timer and its place in `sessions` for ever.
    if (closed || ws.readyState !== ws.OPEN) return void ws.terminate();
    if (!auth.ok) return refuse(ws, auth.error);
    const resumeKey = params.resume ?? params.recover;
    const previous = resumeKey === undefined ? undefined : byKey.get(resumeKey);
    const sameIdentity = previous !== undefined && (previous.principal.clientId === auth.principal.clientId || previous.principal.clientId === '*');
    let session: Session;
    let error: WireErrorInfo | undefined;
    if (previous && sameIdentity && !previous.disposed) {
      session = previous; // RTN15c6: same connectionId, no error
    } else {
      session = new Session(ctx, auth.principal, params);
      sessions.set(session.connectionId, session);
      byKey.set(session.connectionKey, session);
      // RTN15c7: a failed resume/recover gets a new id plus an error, and the client re-attaches with its serials.
      if (resumeKey !== undefined) error = errorInfo(ErrorCode.UNABLE_TO_RECOVER, 400, 'Unable to recover connection; connection state expired or unknown');
    }
    log.debug('connected', { connectionId: session.connectionId, clientId: auth.principal.clientId, resumed: session === previous });
    session.bind(ws, params, auth.principal, error);
    ws.resume();
  }

  /** A revocation reached live connections: with a margin they are asked to re-authenticate first (RTN22). */
  function enforceRevocation(clientId: string, appliesAt: number): void {
    const holders = () => [...sessions.values()].filter((session) => session.principal.clientId === clientId && !session.disposed);
    const cut = () => {
      for (const session of holders()) if (revocations.isRevoked(session.principal)) session.revokeTransport();
    };
    const wait = appliesAt - Date.now();
    if (wait <= 0) return cut();
    for (const session of holders()) session.requestAuth();
    setTimeout(cut, wait).unref();
  }

  wss.on('connection', (ws: WebSocket, req: IncomingMessage) => {
    onConnection(ws, req).catch((error: unknown) => {
      log.error('connect_failed', { error: String(error) });
      ws.terminate();
    });
  });

  return {
    keys,
    handleRequest(req, res) {
      const url = new URL(req.url ?? '/', 'http://hub.local');
      if (!HUB_PATHS.test(url.pathname)) return false;
      // The hub authenticates by header, never by cookie, so any origin may call it (as with Ably).
      if (applyCors(req, res, allOrigins)) return true;
      const revoke = REVOKE_PATH.exec(url.pathname);
      if (revoke?.[1] && req.method === 'POST') {
        handleRevoke(req, res, decodeURIComponent(revoke[1]), { keys, revocations, log, enforce: enforceRevocation });
        return true;
      }
      return handleRest(req, res, url, { registry, keys, maxMessageSize: config.maxMessageSize, limits, log, revocations });
    },
    handleUpgrade(req, socket, head) {
      const path = new URL(req.url ?? '/', 'http://hub.local').pathname;
      if (path !== '/' && path !== '/ws-up') return false;
      if (closed) {
        socket.destroy();
        return true;
      }
      if (path === '/' && !penalties.empty) {
        // Node stops watching a socket it hands to 'upgrade', and ws starts only at handleUpgrade: a client that
        // resets while the door check awaits (a refused flooder redialling) would throw ECONNRESET out of the hub.
        socket.on('error', () => socket.destroy());
        void admitAtTheDoor(req, socket).then((admitted) => {
          if (admitted) wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
        });
        return true;
      }
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
      return true;
    },
    async close() {
      closed = true;
      for (const session of [...sessions.values()]) session.shutdown();
      sessions.clear();
      byKey.clear();
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      store.close();
    },
    stats() {
      let sockets = 0;
      for (const client of wss.clients) if (client.readyState === client.OPEN) sockets++;
      return { sockets, sessions: sessions.size, liveChannels: registry.size, loadedChannelLogs: store.loadedChannels(), heapUsedBytes: process.memoryUsage().heapUsed };
    },
  };
}
