// Baton's local server as a function: hub + token service + demo CRM on one port.
// `serve.ts` is its command line; tests and scripts start it in-process (port 0).
import { createServer, type Server } from 'node:http';
import { createDemoRequestHandler } from './demo/index.ts';
import { createVisitorRequestHandler } from './demo/visitor/index.ts';
import { closeServer, listenOn } from './lib/listen.ts';
import { createHostGuard } from './lib/loopback-host.ts';
import { createLogger, silentLogger, type Logger } from './lib/log.ts';
import type { ApiKey } from './realtime-hub/credentials.ts';
import { createHub, type Hub, type HubOptions } from './realtime-hub/hub.ts';
import { createLocalAuthenticator, type AgentAuthenticator } from './token-service/agent-identity.ts';
import type { RosterAgent } from './token-service/roster.ts';
import { createTokenService } from './token-service/token-service.ts';
import { createRestChatStates } from './token-service/chat-states.ts';
import { randomBytes } from 'node:crypto';
import type { SuperOfficeAppConfig } from './token-service/superoffice-app.ts';
import { createSuperOfficeTokenEndpoint } from './token-service/superoffice-token.ts';
import { shardCountFor, type PresenceLayout } from '../lib/realtime/presence-shards.ts';

export interface LocalServerOptions {
  key: ApiKey;
  port?: number;
  host?: string;
  dataDir?: string;
  mode?: 'local' | 'sso';
  roster?: readonly RosterAgent[];
  authenticateAgent?: AgentAuthenticator;
  allowedOrigins?: readonly string[];
  logger?: Logger;
  /** Hub tuning for tests (e.g. a short presence leave delay). */
  hub?: Partial<HubOptions>;
  agentTokenTtlSeconds?: number;
  /** Host names besides loopback that local mode answers (`--allow-host`); each one is an explicit opt-in. */
  allowedHosts?: readonly string[];
  /** Presence layout; default: sharded for the roster's size (the previous version's single channels: `{ shards: null }`). */
  presenceLayout?: PresenceLayout;
  /**
   * Where the token service reads chats' history to decide per-chat grants: this server's own hub by default;
   * Ably's REST host (`https://main.realtime.ably.net`) when BATON_HUB_KEY is an Ably key.
   */
  historyUrl?: string;
  /**
   * The SuperOffice app for the `oauth` mode (`BATON_SO_*`, server/token-service/superoffice-app.ts). In local mode
   * without one, the token service signs in to the demo CRM's SuperOffice stand-in with a fresh demo app.
   */
  superOfficeApp?: SuperOfficeAppConfig;
}

export interface LocalServer {
  hub: Hub;
  server: Server;
  port: number;
  host: string;
  origin: string;
  close(): Promise<void>;
}

export async function startLocalServer(options: LocalServerOptions): Promise<LocalServer> {
  const log = options.logger ?? (options.port === 0 ? silentLogger : createLogger({ component: 'serve' }));
  const roster = options.roster ?? [];
  const hub = createHub({ keys: [options.key], dataDir: options.dataDir, logger: log.child('hub'), ...options.hub });
  let origin = '';
  const tokens = createTokenService({
    key: options.key,
    chatStates: createRestChatStates({ key: options.key, baseUrl: () => options.historyUrl ?? origin, logger: log.child('tokens') }),
    logger: log.child('tokens'),
    mode: options.mode ?? 'local',
    roster,
    authenticateAgent: options.authenticateAgent ?? createLocalAuthenticator(roster),
    allowedOrigins: options.allowedOrigins ?? [],
    presenceLayout: options.presenceLayout ?? { shards: shardCountFor(roster.length) },
    ...(options.agentTokenTtlSeconds ? { agentTokenTtlSeconds: options.agentTokenTtlSeconds } : {}),
  });
  // The demo CRM keeps what agents create (requests) in the same data folder as the hub's history.
  const demoApp = { clientId: 'baton-demo', clientSecret: randomBytes(18).toString('base64url'), refreshToken: randomBytes(18).toString('base64url') };
  const handleDemo = createDemoRequestHandler({ logger: log.child('demo'), superOfficeApp: demoApp, ...(options.dataDir ? { dataDir: options.dataDir } : {}) });
  const localDemo = (options.mode ?? 'local') === 'local';
  const superOfficeTokens = createSuperOfficeTokenEndpoint({
    authenticateAgent: options.authenticateAgent ?? createLocalAuthenticator(roster),
    allowedOrigins: options.allowedOrigins ?? [],
    logger: log.child('superoffice'),
    app: () =>
      options.superOfficeApp ??
      (localDemo && origin
        ? { tokenUrl: `${origin}/crm/login/common/oauth/tokens`, clientId: demoApp.clientId, clientSecret: demoApp.clientSecret, grant: { type: 'refresh_token', refreshToken: demoApp.refreshToken } }
        : undefined),
  });
  const handleVisitor = createVisitorRequestHandler({ logger: log.child('visitor'), batonOrigin: () => origin, ...(roster.length > 0 ? { agents: roster } : {}) });
  // Local mode serves only this machine: every route (hub, tokens, demo CRM, visitor page) refuses a request
  // whose Host is not a loopback name, which is what a DNS-rebinding page sends (docs/security.md).
  const loopbackOnly = (options.mode ?? 'local') === 'local';
  const hasLoopbackHost = createHostGuard(options.allowedHosts);
  const server = createServer((req, res) => {
    if (loopbackOnly && !hasLoopbackHost(req)) {
      log.warn('foreign_host_refused', { host: String(req.headers.host).slice(0, 100) });
      res.writeHead(421, { 'content-type': 'application/json; charset=utf-8', 'x-ably-errorcode': '40300' });
      res.end(JSON.stringify({ error: { message: 'Host must be a loopback name or address in local mode', code: 40300, statusCode: 421 } }));
      return;
    }
    try {
      if (hub.handleRequest(req, res) || tokens.handleRequest(req, res) || superOfficeTokens.handleRequest(req, res) || handleDemo(req, res) || handleVisitor(req, res)) return;
    } catch (error) {
      log.error('request_failed', { path: req.url?.slice(0, 200), error: String(error) });
      if (res.headersSent) return void res.destroy();
    }
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
  });
  server.on('upgrade', (req, socket, head) => {
    if (loopbackOnly && !hasLoopbackHost(req)) return void socket.destroy();
    if (!hub.handleUpgrade(req, socket, head)) socket.destroy();
  });
  const host = options.host ?? '127.0.0.1';
  const port = await listenOn(server, options.port ?? 0, host);
  origin = `http://${host}:${port}`;
  return {
    hub,
    server,
    port,
    host,
    origin,
    async close() {
      await handleDemo.close();
      await hub.close();
      await closeServer(server);
    },
  };
}
