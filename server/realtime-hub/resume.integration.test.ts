// A socket cut by a proxy in the middle of a burst resumes with zero loss and no duplicates (RTN15, RTN19a2),
// and a recovered client instance picks up where the old one stopped (RTN16). Hub only: it needs the proxy.
import type * as Ably from 'ably';
import * as AblyModule from 'ably';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDropProxy } from './test-support/drop-proxy.ts';
import type { DropProxy } from './test-support/drop-proxy.ts';
import { clientPool, hubClientOptions, hubTarget, sleep, uniqueChannel, waitFor } from './test-support/targets.ts';
import type { TargetSession } from './test-support/targets.ts';

const nums = (items: Ably.InboundMessage[]) => items.map((m) => (m.data as { n: number }).n);
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('resume through a dropping proxy (hub)', () => {
  let session: TargetSession;
  let proxy: DropProxy;
  const pool = clientPool(() => session);
  beforeAll(async () => {
    session = await hubTarget.start();
    proxy = await startDropProxy(session.hub?.port ?? 0);
  });
  afterEach(() => pool.closeAll());
  afterAll(async () => {
    await proxy.close();
    await session.teardown();
  });

  it('publisher and subscriber both cut mid-burst: every message arrives once, in order', async () => {
    const name = uniqueChannel('chat:burst-');
    const viaProxy = hubClientOptions(proxy.port);
    const subscriber = pool.realtime({ ...viaProxy, clientId: 'sub' });
    const publisher = pool.realtime({ ...viaProxy, clientId: 'pub' });
    const received: Ably.InboundMessage[] = [];
    await subscriber.channels.get(name).subscribe((m) => void received.push(m));
    const subscriberId = subscriber.connection.id;
    await publisher.connection.whenState('connected');
    const publisherId = publisher.connection.id;

    // A burst as fast as Ably lets one connection publish (50 msg/s, docs/realtime-hub.md "Limits"): the first
    // 50 at once (the rate's one-second allowance), then 40 a second.
    const total = 120;
    const channel = publisher.channels.get(name);
    const acks: Promise<unknown>[] = [];
    for (let n = 0; n < total; n++) {
      acks.push(channel.publish('m', { n }));
      if (n === 60) proxy.cutAll(); // cut both sockets while frames are in flight both ways
      if (n >= 45) await sleep(25);
    }
    await Promise.all(acks);
    await waitFor(() => received.length >= total, 10_000, `${total} messages`);
    await sleep(200);
    expect(nums(received)).toEqual(range(total));
    expect(new Set(received.map((m) => m.id)).size).toBe(total);
    // Resumed, not reconnected: same connection ids (RTN15c6).
    expect(subscriber.connection.id).toBe(subscriberId);
    expect(publisher.connection.id).toBe(publisherId);
  });

  it('a new client instance recovers with createRecoveryKey() and gets what it missed', async () => {
    const name = uniqueChannel('chat:recover-');
    const first = pool.realtime({ ...hubClientOptions(proxy.port), clientId: 'worker' });
    const seen: Ably.InboundMessage[] = [];
    await first.channels.get(name).subscribe((m) => void seen.push(m));
    const writer = pool.realtime({ clientId: 'writer' });
    const out = writer.channels.get(name);
    for (let n = 0; n < 3; n++) await out.publish('m', { n });
    await waitFor(() => seen.length === 3, 5000, 'first three');
    const recoveryKey = first.connection.createRecoveryKey();
    expect(recoveryKey).toBeTruthy();
    // The service worker dies: its socket vanishes without CLOSE.
    proxy.setRefusing(true);
    proxy.cutAll();
    for (let n = 3; n < 6; n++) await out.publish('m', { n });
    first.close();
    proxy.setRefusing(false);

    const second = new AblyModule.Realtime({ ...hubClientOptions(session.hub?.port ?? 0), key: session.keyString, clientId: 'worker', recover: recoveryKey ?? '' });
    try {
      const later: Ably.InboundMessage[] = [];
      await second.channels.get(name).subscribe((m) => void later.push(m));
      await waitFor(() => later.length === 3, 5000, 'missed messages');
      expect(nums(later)).toEqual([3, 4, 5]);
      expect(second.connection.id).toBe(JSON.parse(recoveryKey ?? '{}').connectionKey.split('!')[0]);
    } finally {
      second.close();
    }
  });
});
