import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRealtimeClient } from '../../../lib/realtime/realtime-client.ts';
import { createAgentSession } from '../../../lib/session/agent-session.ts';
import { createDiagnostics } from '../../../lib/session/diagnostics.ts';
import { createCommandHandler } from '../../../lib/session/session-commands.ts';
import type { SessionSnapshot } from '../../../lib/session/session-snapshot.ts';
import { identityFromToken } from '../../../lib/session/token-identity.ts';
import { startLocalServer, type LocalServer } from '../../local-server.ts';
import { loadRoster } from '../../token-service/roster.ts';
import { startSimulation } from './simulation.ts';
import { VISITOR_SCRIPTS } from './scripts.ts';

let server: LocalServer;
let simulation: Awaited<ReturnType<typeof startSimulation>>;

beforeAll(async () => {
  const roster = loadRoster(new URL('../../token-service/demo-roster.json', import.meta.url).pathname);
  server = await startLocalServer({ key: { keyName: 'sim.test', secret: 'simsecret' }, port: 0, roster });
  simulation = await startSimulation({ origin: server.origin, port: server.port, seed: 3, visitors: 1 });
});
afterAll(async () => {
  simulation.stop();
  await server.close();
});

async function signInAlice() {
  let token = '';
  const client = createRealtimeClient({
    settings: { tokenServiceUrl: server.origin, realtimeEndpoint: '127.0.0.1', realtimePort: server.port, tls: false, agentId: 'alice' },
    fetchToken: async (url) => {
      const response = await fetch(url);
      token = await response.clone().text();
      return response;
    },
  });
  await client.connection.once('connected');
  const me = identityFromToken(token)!;
  let latest: SessionSnapshot | undefined;
  const session = createAgentSession({
    client, me, name: 'Alice', status: 'present', offerTimeoutMs: 60_000, chats: {}, diagnostics: createDiagnostics(),
    onChange: (snapshot) => (latest = snapshot), onChatsChange: () => {}, onWake: () => {},
  });
  await session.start();
  return { client, session, handle: createCommandHandler({ session, me, offerTimeoutMs: 60_000 }), snapshot: () => latest };
}

async function until<T>(what: string, read: () => T | undefined | false, timeoutMs = 12_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('demo simulation', () => {
  it('brings a waiting visitor, a colleague who accepts and one who rejects', { timeout: 40_000 }, async () => {
    const alice = await signInAlice();
    try {
      const waiting = await until('a visitor in the queue', () => alice.snapshot()?.lobby[0]);
      expect(VISITOR_SCRIPTS.map((script) => script.name)).toContain(waiting.visitorName);
      const present = await until('colleagues present', () => {
        const agents = alice.snapshot()?.agents ?? [];
        return agents.length >= 3 && agents;
      });
      expect(present.find((agent) => agent.clientId === 'mia')?.status).toBe('away');

      await alice.handle({ type: 'pick-up' });
      const chatId = waiting.chatId;
      const opening = await until('the visitor’s opening line', () => alice.snapshot()?.chats.find((chat) => chat.chatId === chatId)?.transcript[0]);
      expect(VISITOR_SCRIPTS.find((script) => script.name === waiting.visitorName)?.opening).toBe(opening.text);

      await until('Alice owns the chat', () => alice.snapshot()?.chats.find((chat) => chat.chatId === chatId)?.myRole === 'owner');
      await alice.handle({ type: 'transfer', chatId, to: 'carla', note: '' });
      await until('Carla rejects', () => alice.snapshot()?.chats.find((chat) => chat.chatId === chatId)?.lastOffer?.status === 'rejected');
      await alice.handle({ type: 'transfer', chatId, to: 'bob', note: '' });
      await until('Bob accepts', () => alice.snapshot()?.chats.find((chat) => chat.chatId === chatId)?.myRole === 'listening');
    } finally {
      alice.session.dispose();
      alice.client.close();
    }
  });
});
