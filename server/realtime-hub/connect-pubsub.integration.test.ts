// Connect by key and by Ably JWT; publish/subscribe with ids, timestamps and clientId (issue #3 "Done when").
import type * as Ably from 'ably';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { agentCapability } from '../token-service/capabilities.ts';
import { signAblyJwt } from '../token-service/sign-token.ts';
import { clientPool, targets, uniqueChannel, waitFor } from './test-support/targets.ts';
import type { TargetSession } from './test-support/targets.ts';

for (const target of targets()) {
  describe.skipIf(target.skip)(`connect and pub/sub (${target.name})`, () => {
    let session: TargetSession;
    const pool = clientPool(() => session);
    beforeAll(async () => {
      session = await target.start();
    });
    afterEach(() => pool.closeAll());
    afterAll(() => session.teardown());

    it('connects by API key with full connectionDetails', async () => {
      const client = pool.realtime({ clientId: 'key-user' });
      await client.connection.whenState('connected');
      expect(client.connection.id).toMatch(/^[\w-]+$/);
      expect(client.connection.key).toBeTruthy();
      expect(client.auth.clientId).toBe('key-user');
      // RTN13: ping is answered by a HEARTBEAT echoing its id.
      await expect(client.connection.ping()).resolves.toBeTypeOf('number');
    });

    it('connects by Ably JWT through authCallback and takes the clientId from the token', async () => {
      const client = pool.realtime({
        authCallback: (_params, callback) => {
          signAblyJwt(session.key, { clientId: 'alice', capability: agentCapability('alice'), channelClaims: { '*': 'agent' }, ttlSeconds: 600 }).then(
            (signed) => callback(null, signed.token),
            (error: unknown) => callback(String(error), null),
          );
        },
      });
      await client.connection.whenState('connected');
      expect(client.auth.clientId).toBe('alice');
    });

    it('publishes and delivers with id, timestamp, clientId, in order', async () => {
      const name = uniqueChannel('chat:pubsub-');
      const alice = pool.realtime({ clientId: 'alice' });
      const bob = pool.realtime({ clientId: 'bob' });
      const received: Ably.InboundMessage[] = [];
      const channel = bob.channels.get(name);
      await channel.subscribe((m) => void received.push(m));
      const before = Date.now();
      const out = alice.channels.get(name);
      for (let i = 0; i < 5; i++) await out.publish('line', { n: i });
      await waitFor(() => received.length === 5, 5000, 'five messages');
      expect(received.map((m) => (m.data as { n: number }).n)).toEqual([0, 1, 2, 3, 4]);
      for (const m of received) {
        expect(m.clientId).toBe('alice');
        expect(m.connectionId).toBe(alice.connection.id);
        expect(m.id).toMatch(/^[\w-]+:\d+:\d+$/);
        expect(m.timestamp).toBeGreaterThanOrEqual(before - 1000);
      }
      expect(new Set(received.map((m) => m.id)).size).toBe(5);
    });

    it('honours echoMessages: false and keeps client-supplied ids idempotent', async () => {
      const name = uniqueChannel('chat:echo-');
      const quiet = pool.realtime({ clientId: 'quiet', echoMessages: false });
      const other = pool.realtime({ clientId: 'other' });
      const own: Ably.InboundMessage[] = [];
      const seen: Ably.InboundMessage[] = [];
      const quietChannel = quiet.channels.get(name);
      await quietChannel.subscribe((m) => void own.push(m));
      await other.channels.get(name).subscribe((m) => void seen.push(m));
      await quietChannel.publish({ id: 'transfer-1:accepted', name: 'transfer.accepted', data: 'x' });
      await quietChannel.publish({ id: 'transfer-1:accepted', name: 'transfer.accepted', data: 'x' });
      await quietChannel.publish('after', 'y');
      await waitFor(() => seen.length >= 2, 5000, 'messages at the other client');
      await new Promise((r) => setTimeout(r, 100));
      expect(seen.map((m) => m.name)).toEqual(['transfer.accepted', 'after']);
      expect(own).toEqual([]);
    });

    it('rejects a message above the size limit with 40009', async () => {
      const client = pool.realtime({ clientId: 'big' });
      await client.connection.whenState('connected');
      const channel = client.channels.get(uniqueChannel('chat:big-'));
      await expect(channel.publish('big', 'x'.repeat(70_000))).rejects.toMatchObject({ code: 40009 });
    });
  });
}
