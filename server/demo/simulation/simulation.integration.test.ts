import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHeadlessAgent, until } from '../../../lib/session/headless-agent.ts';
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

describe('demo simulation', () => {
  it('brings a waiting visitor, a colleague who accepts and one who rejects', { timeout: 40_000 }, async () => {
    const alice = await startHeadlessAgent({ origin: server.origin, port: server.port, agentId: 'alice', name: 'Alice', offerTimeoutMs: 60_000 });
    try {
      const waiting = await until('a visitor in the queue', () => alice.snapshot()?.lobby[0], 12_000);
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
      alice.stop();
    }
  });
});
