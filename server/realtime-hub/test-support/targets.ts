// Where an integration suite runs: always the local hub; also real Ably when ABLY_API_KEY is set (no network
// here, so it is normally skipped with a printed reason). Suites that need to cut sockets, restart the server
// or send raw frames run against the hub only.
import * as Ably from 'ably';
import { silentLogger } from '../../lib/log.ts';
import { parseApiKey } from '../credentials.ts';
import type { ApiKey } from '../credentials.ts';
import type { HubOptions } from '../hub.ts';
import { randomId } from '../ids.ts';
import { listenHub } from '../listen.ts';
import type { RunningHub } from '../listen.ts';

export const TEST_KEY = 'test.hub:testsecret';

export interface TargetSession {
  key: ApiKey;
  keyString: string;
  /** Client options that point ably-js at this target (protocol doc §2.2). */
  clientOptions: Ably.ClientOptions;
  hub: RunningHub | undefined;
  teardown(): Promise<void>;
}

export interface Target {
  name: 'hub' | 'ably';
  skip: boolean;
  start(hubOptions?: Partial<HubOptions>): Promise<TargetSession>;
}

/** Options the suites use against the hub; short drop timers keep them fast (prod default is 15 s). */
export const FAST_HUB: Partial<HubOptions> = { presenceLeaveDelayMs: 400, logger: silentLogger };

export function hubClientOptions(port: number): Ably.ClientOptions {
  return { endpoint: '127.0.0.1', port, tls: false, useBinaryProtocol: false, disconnectedRetryTimeout: 300, logLevel: 0 } as Ably.ClientOptions;
}

export const hubTarget: Target = {
  name: 'hub',
  skip: false,
  async start(hubOptions = {}) {
    const hub = await listenHub({ keys: [TEST_KEY], ...FAST_HUB, ...hubOptions });
    const key = parseApiKey(TEST_KEY);
    if (!key) throw new Error('bad test key');
    return { key, keyString: TEST_KEY, clientOptions: hubClientOptions(hub.port), hub, teardown: () => hub.close() };
  },
};

const ablyKey = process.env['ABLY_API_KEY'];
let reported = false;

export const ablyTarget: Target = {
  name: 'ably',
  skip: ablyKey === undefined,
  async start() {
    const key = parseApiKey(ablyKey);
    if (!key || ablyKey === undefined) throw new Error('ABLY_API_KEY must look like appId.keyId:secret');
    return { key, keyString: ablyKey, clientOptions: { useBinaryProtocol: false, logLevel: 0 } as Ably.ClientOptions, hub: undefined, teardown: async () => {} };
  },
};

export function targets(): Target[] {
  if (ablyTarget.skip && !reported) {
    reported = true;
    console.info('[realtime-hub] real-Ably variants skipped: ABLY_API_KEY is not set (and this machine has no internet).');
  }
  return [hubTarget, ablyTarget];
}

/** Channel names unique per run, so history on a real Ably app never leaks between runs. */
export function uniqueChannel(prefix: string): string {
  return `${prefix}${randomId(6).replace(/[^\w]/g, 'x')}`;
}

/** Tracks clients so every test closes what it opened (vitest must exit). */
export function clientPool(session: () => TargetSession) {
  const clients: Ably.Realtime[] = [];
  return {
    realtime(options: Ably.ClientOptions = {}): Ably.Realtime {
      const base = session().clientOptions;
      const auth = options.authCallback || options.token ? {} : { key: session().keyString };
      const client = new Ably.Realtime({ ...base, ...auth, ...options });
      clients.push(client);
      return client;
    },
    rest(options: Ably.ClientOptions = {}): Ably.Rest {
      return new Ably.Rest({ ...session().clientOptions, key: session().keyString, ...options });
    },
    async closeAll(): Promise<void> {
      await Promise.all(
        clients.splice(0).map(async (c) => {
          if (c.connection.state === 'closed' || c.connection.state === 'failed') return;
          c.close();
          await Promise.race([c.connection.once('closed'), c.connection.once('failed'), sleep(1000)]).catch(() => {});
        }),
      );
    },
  };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function waitFor(check: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}
