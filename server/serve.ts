// `npm run serve -- --port <n> [--host h] [--data dir] [--roster file] [--limits ably|none] [--allow-host names]`: Baton's local server. One port serves
// the realtime hub (WebSocket `/` + Ably REST paths), the token service (`/auth/…`) and the demo CRM (`/crm/…`).
// Env: BATON_HUB_KEY (keyName:secret), BATON_PORT, BATON_LOG_LEVEL, BATON_AUTH_MODE (local|sso), BATON_SSO_* —
// see docs/realtime-hub.md; BATON_SO_* — SuperOffice's `oauth` mode, docs/crm-adapters.md.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createLogger } from './lib/log.ts';
import { parseApiKey } from './realtime-hub/credentials.ts';
import type { ApiKey } from './realtime-hub/credentials.ts';
import { randomId } from './realtime-hub/ids.ts';
import { parseLimitsMode } from './realtime-hub/limits.ts';
import { createLocalAuthenticator, createSsoAuthenticator } from './token-service/agent-identity.ts';
import { loadRoster } from './token-service/roster.ts';
import { superOfficeAppFromEnv, type SuperOfficeAppConfig } from './token-service/superoffice-app.ts';
import type { RosterAgent } from './token-service/roster.ts';
import { startSimulation } from './demo/simulation/simulation.ts';
import { startLocalServer } from './local-server.ts';
import { LEGACY_LAYOUT, MAX_SHARDS, shardCountFor, type PresenceLayout } from '../lib/realtime/presence-shards.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env['BATON_PORT'] ?? '8377' },
    host: { type: 'string' },
    data: { type: 'string' },
    roster: { type: 'string' },
    auth: { type: 'string', default: process.env['BATON_AUTH_MODE'] ?? 'local' },
    simulate: { type: 'boolean', default: false },
    seed: { type: 'string', default: '7' },
    // Extra Host names local mode answers besides loopback (comma-separated), e.g. a name mapped to 127.0.0.1.
    'allow-host': { type: 'string', default: '' },
    // Ably's limits are on by default (docs/realtime-hub.md "Limits"); `--limits none` lifts them for experiments.
    limits: { type: 'string', default: 'ably' },
    // How presence is sharded (docs/admin/scaling.md): a number of shards, `legacy` for the previous version's
    // single channels, or by default one shard per 100 agents of the roster.
    'presence-shards': { type: 'string', default: process.env['BATON_PRESENCE_SHARDS'] },
  },
});

const log = createLogger({ component: 'serve' });
const fail = (message: string): never => {
  console.error(`baton serve: ${message}`);
  process.exit(2);
};

const isLoopback = (host: string) => host === '127.0.0.1' || host === 'localhost' || host === '::1';
const envKey = process.env['BATON_HUB_KEY'];
const host = values.host ?? '127.0.0.1';
// A hub reachable from the network must not run on a dev key printed to a terminal: binding elsewhere than
// loopback needs an explicit BATON_HUB_KEY.
if (!isLoopback(host) && envKey === undefined) fail(`--host ${host} needs BATON_HUB_KEY=<keyName>:<secret>; without it the server binds 127.0.0.1 only`);
const mode = values.auth === 'sso' ? 'sso' : values.auth === 'local' ? 'local' : fail(`--auth must be local or sso, not ${values.auth}`);
if (mode === 'local' && !isLoopback(host)) fail('local auth mode lets anyone pick an agent identity; use --auth sso behind your SSO proxy on a network host');
const limitsMode = parseLimitsMode(values.limits) ?? fail(`--limits must be ably or none, not ${values.limits}`);
const proxySecret = process.env['BATON_SSO_PROXY_SECRET'] ?? '';
// An SSO server without a proxy secret would trust a user header that any client on the network can set.
if (mode === 'sso' && proxySecret.trim() === '') fail('--auth sso needs BATON_SSO_PROXY_SECRET=<secret> (non-empty), the value your SSO proxy sends in x-baton-proxy-secret');

/** The hub key: BATON_HUB_KEY, else a dev key kept in the data dir (so tokens survive restarts), else a fresh one. */
function resolveKey(): { key: ApiKey; source: 'env' | 'data' | 'fresh' } {
  if (envKey !== undefined) return { key: parseApiKey(envKey) ?? fail('BATON_HUB_KEY must look like keyName:secret (secret without "." or ":")'), source: 'env' };
  const file = values.data === undefined ? undefined : join(values.data, 'dev-key');
  const stored = file !== undefined && existsSync(file) ? parseApiKey(readFileSync(file, 'utf8').trim()) : undefined;
  if (stored) return { key: stored, source: 'data' };
  const key = { keyName: 'baton.dev', secret: randomId(24).replace(/[^\w-]/g, '') };
  if (file !== undefined && values.data !== undefined) {
    mkdirSync(values.data, { recursive: true });
    writeFileSync(file, `${key.keyName}:${key.secret}\n`);
    chmodSync(file, 0o600);
  }
  return { key, source: 'fresh' };
}

const { key, source } = resolveKey();
const defaultRoster = join(fileURLToPath(new URL('.', import.meta.url)), 'token-service', 'demo-roster.json');
const rosterFile = values.roster ?? (mode === 'local' ? defaultRoster : undefined);
let roster: RosterAgent[] = [];
try {
  roster = rosterFile === undefined ? [] : loadRoster(rosterFile);
} catch (error) {
  fail(String(error instanceof Error ? error.message : error));
}

const shardsSetting = values['presence-shards'];
const presenceLayout: PresenceLayout =
  shardsSetting === undefined || shardsSetting === ''
    ? { shards: shardCountFor(roster.length) }
    : shardsSetting === 'legacy'
      ? LEGACY_LAYOUT
      : /^\d+$/.test(shardsSetting) && Number(shardsSetting) >= 1 && Number(shardsSetting) <= MAX_SHARDS
        ? { shards: Number(shardsSetting) }
        : fail(`--presence-shards must be legacy or a number from 1 to ${MAX_SHARDS}, not ${shardsSetting}`);

// SuperOffice's `oauth` mode: the app's secrets come from the environment only (docs/crm-adapters.md).
let superOfficeApp: SuperOfficeAppConfig | undefined;
try {
  superOfficeApp = superOfficeAppFromEnv(process.env);
} catch (error) {
  fail(`SuperOffice app: ${error instanceof Error ? error.message : String(error)}`);
}

const running = await startLocalServer({
  ...(superOfficeApp ? { superOfficeApp } : {}),
  key,
  port: Number(values.port),
  host,
  dataDir: values.data,
  mode,
  roster,
  presenceLayout,
  logger: log,
  authenticateAgent:
    mode === 'local'
      ? createLocalAuthenticator(roster)
      : createSsoAuthenticator(
          {
            userHeader: process.env['BATON_SSO_USER_HEADER'],
            groupsHeader: process.env['BATON_SSO_GROUPS_HEADER'],
            roleGroups: { manager: process.env['BATON_SSO_MANAGER_GROUP'], 'can-listen-in': process.env['BATON_SSO_LISTENER_GROUP'] },
            proxySecret,
          },
          roster,
        ),
  hub: { limits: limitsMode },
  allowedHosts: values['allow-host'].split(',').map((h) => h.trim()).filter(Boolean),
  allowedOrigins: (process.env['BATON_ALLOWED_ORIGINS'] ?? '').split(',').map((o) => o.trim()).filter(Boolean),
}).catch((error: unknown) => fail(String(error)));

{
  const port = running.port;
  const origin = `http://${host}:${port}`;
  const lines = [
    `Baton local server on ${origin}/`,
    `  demo CRM       ${origin}/crm/`,
    `  visitor page   ${origin}/visit/  (a customer's website embedding the chat widget, ${origin}/widget/baton-widget.js)`,
    `  realtime hub   ws://${host}:${port}/  (Ably protocol v6, JSON)`,
    `                 ably-js: { endpoint: '${host}', port: ${port}, tls: false, useBinaryProtocol: false, authCallback }`,
    `  token service  ${origin}/auth/agent  ${origin}/auth/visitor  (auth: ${mode}${mode === 'local' ? `, roster ${rosterFile} (${roster.length} agents)` : ''})`,
    `  limits         ${limitsMode === 'ably' ? "Ably's (200 members/channel, 200 channels/connection, 50 msg/s, 64 KiB)" : 'none (--limits none)'}`,
    `  history        ${values.data === undefined ? 'in memory (lost on restart; use --data <dir> to keep it)' : `durable in ${values.data}`}`,
    source === 'env' ? `  key            ${key.keyName} (from BATON_HUB_KEY)` : `  dev key        ${key.keyName}:${key.secret}  (BATON_HUB_KEY unset${source === 'data' ? '; kept in the data dir' : ''})`,
  ];
  console.log(lines.join('\n'));
  log.info('listening', { host, port, mode, durable: values.data !== undefined });
}

// --simulate: colleagues and visitors for the demo (server/demo/simulation/), seeded.
const simulation = values.simulate
  ? await startSimulation({
      origin: running.origin,
      port: running.port,
      seed: Number(values.seed),
      log: (line) => console.log(`  ${line}`),
    }).catch((error: unknown) => {
      console.error(`baton serve: unable to start the simulation; ${String(error)}`);
      return undefined;
    })
  : undefined;

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    simulation?.stop();
    void running.close().then(() => process.exit(0));
    // A stuck socket must not keep the port: exit anyway after a moment.
    setTimeout(() => process.exit(0), 2000).unref();
  });
}
