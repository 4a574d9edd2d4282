// The hub killed and restarted on the same data dir during a chat loses no acknowledged message, and subscribers
// catch up from their channel serial (serials are durable). Hub only.
import type * as Ably from 'ably';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../lib/log.ts';
import { listenHub } from './listen.ts';
import type { RunningHub } from './listen.ts';
import { clientPool, FAST_HUB, hubClientOptions, TEST_KEY, uniqueChannel, waitFor } from './test-support/targets.ts';
import type { TargetSession } from './test-support/targets.ts';

const nums = (items: Ably.InboundMessage[]) => items.map((m) => (m.data as { n: number }).n);

describe('restart on the same data dir (hub)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'baton-hub-'));
  let hub: RunningHub | undefined;
  let port = 0;
  const start = async () => {
    hub = await listenHub({ keys: [TEST_KEY], ...FAST_HUB, logger: silentLogger, dataDir, port });
    port = hub.port;
  };
  const session = (): TargetSession => ({
    key: { keyName: 'test.hub', secret: 'testsecret' },
    keyString: TEST_KEY,
    clientOptions: hubClientOptions(port),
    hub,
    teardown: async () => {},
  });
  const pool = clientPool(session);
  afterEach(() => pool.closeAll());
  afterAll(async () => {
    await hub?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses no acknowledged message across a kill and restart, and the subscriber catches up', async () => {
    await start();
    const name = uniqueChannel('chat:restart-');
    const agent = pool.realtime({ clientId: 'agent' });
    const visitor = pool.realtime({ clientId: 'visitor' });
    const received: Ably.InboundMessage[] = [];
    await agent.channels.get(name).subscribe((m) => void received.push(m));
    const out = visitor.channels.get(name);
    for (let n = 0; n < 10; n++) await out.publish('m', { n });
    await waitFor(() => received.length === 10, 5000, 'first ten');

    await hub?.close(); // killed: sockets cut, no CLOSED, state gone
    for (let n = 10; n < 15; n++) void out.publish('m', { n }).catch(() => {}); // queued while down (RTN7)
    await start();
    await agent.connection.whenState('connected');
    for (let n = 15; n < 20; n++) await out.publish('m', { n });

    await waitFor(() => new Set(nums(received)).size >= 20, 10_000, 'all twenty');
    // Every acknowledged message arrived exactly once, in publish order.
    expect(nums(received)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    const history = await agent.channels.get(name).history({ direction: 'forwards', limit: 100 });
    expect(nums(history.items)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    // Serials kept increasing across the restart.
    const serials = history.items.map((m) => m.serial ?? '');
    expect([...serials].sort()).toEqual(serials);
  });
});
