// Token auth end to end: token expiry renews (RTN22, RTN15h2, RTN14b), capability denial (40160), and the JWT
// role claim arriving as extras.userClaim on messages and presence.
import type * as Ably from 'ably';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { agentCapability, visitorCapability, visitorClientId } from '../token-service/capabilities.ts';
import { signAblyJwt } from '../token-service/sign-token.ts';
import type { AblyTokenSpec } from '../token-service/sign-token.ts';
import { clientPool, targets, uniqueChannel, waitFor } from './test-support/targets.ts';
import type { TargetSession } from './test-support/targets.ts';

for (const target of targets()) {
  describe.skipIf(target.skip)(`token auth (${target.name})`, () => {
    let session: TargetSession;
    const pool = clientPool(() => session);
    beforeAll(async () => {
      session = await target.start({ authRequestLeadMs: 1000 });
    });
    afterEach(() => pool.closeAll());
    afterAll(() => session.teardown());

    /** A client whose authCallback signs a fresh token from `spec()` each time, counting calls. */
    const tokenClient = (spec: () => AblyTokenSpec, options: Ably.ClientOptions = {}, at: () => number = () => Date.now()) => {
      const calls = { count: 0 };
      const client = pool.realtime({
        ...options,
        authCallback: (_params, callback) => {
          calls.count++;
          signAblyJwt(session.key, spec(), at()).then(
            (signed) => callback(null, signed.token),
            (error: unknown) => callback(String(error), null),
          );
        },
      });
      return { client, calls };
    };

    // These tests exercise the hub, not Baton's per-chat grants (server/token-service/agent-capability.ts).
    const WRITE_ANY_CHAT = { 'chat:*': ['publish', 'subscribe', 'history'] };
    const agentSpec = (id: string, role: string, ttlSeconds = 600): AblyTokenSpec => ({ clientId: id, capability: agentCapability(id, undefined, WRITE_ANY_CHAT), channelClaims: { '*': role }, ttlSeconds });

    it('renews a token before it expires without losing the connection', async () => {
      const { client, calls } = tokenClient(() => agentSpec('short', 'agent', 3));
      await client.connection.whenState('connected');
      const id = client.connection.id;
      await waitFor(() => calls.count >= 2, 6000, 'a renewal');
      await new Promise((r) => setTimeout(r, 2500)); // past the first token's expiry
      expect(client.connection.state).toBe('connected');
      expect(client.connection.id).toBe(id);
      await expect(client.channels.get(uniqueChannel('chat:renew-')).publish('still', 'ok')).resolves.toBeDefined();
    }, 15_000);

    it('an expired token at connect is renewed once and the client connects', async () => {
      let first = true;
      const { client, calls } = tokenClient(
        () => agentSpec('late', 'agent', 60),
        {},
        () => {
          const now = first ? Date.now() - 3600_000 : Date.now();
          first = false;
          return now;
        },
      );
      await client.connection.whenState('connected');
      expect(calls.count).toBe(2);
    });

    it('denies what the capability does not grant, with 40160', async () => {
      const chatId = uniqueChannel('c');
      const { client } = tokenClient(() => ({ clientId: visitorClientId(chatId), capability: visitorCapability(chatId), channelClaims: { '*': 'visitor' }, ttlSeconds: 600 }));
      await client.connection.whenState('connected');
      await expect(client.channels.get(`chat:${uniqueChannel('other')}`).attach()).rejects.toMatchObject({ code: 40160 });
      await expect(client.channels.get('lobby').publish('spoof', 'x')).rejects.toMatchObject({ code: 40160 });
      await expect(client.channels.get(`chat:${chatId}`).publish('hello', 'ok')).resolves.toBeDefined();
      await expect(client.channels.get('lobby').presence.enter({ chatId })).resolves.toBeUndefined();
    });

    it('stamps the JWT role claim as extras.userClaim on messages and presence', async () => {
      const name = uniqueChannel('chat:claims-');
      const { client: manager } = tokenClient(() => agentSpec('mia', 'manager'));
      const { client: agent } = tokenClient(() => agentSpec('ali', 'agent'));
      const messages: Ably.InboundMessage[] = [];
      const presence: Ably.PresenceMessage[] = [];
      const watch = agent.channels.get(name);
      await watch.subscribe((m) => void messages.push(m));
      await agent.channels.get('agents').presence.subscribe((m) => void presence.push(m));
      await manager.channels.get(name).publish('takeover', { owner: 'mia', seq: 2 });
      await manager.channels.get('agents').presence.enter({ status: 'present' });
      await waitFor(() => messages.length === 1 && presence.some((p) => p.clientId === 'mia'), 5000, 'claims');
      expect(messages[0]?.extras).toMatchObject({ userClaim: 'manager' });
      expect(messages[0]?.clientId).toBe('mia');
      expect(presence.find((p) => p.clientId === 'mia')?.extras).toMatchObject({ userClaim: 'manager' });
    });
  });
}
