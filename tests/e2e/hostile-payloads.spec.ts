import * as Ably from 'ably';
import { chatOf, pickUp } from './support/agents.ts';
import { useAgents } from './support/use-agents.ts';
import { E2E_PORT } from './support/environment.ts';
import { expect, test } from './support/extension-context.ts';
import { startScriptedVisitor } from './support/scripted-visitor.ts';

// A colleague's compromised browser (a real agent token) and a hostile visitor publish
// garbage on every channel Baton reads. The sessions drop it, count it, and go on.
async function clientFor(path: string): Promise<{ client: Ably.Realtime; chatId: string | null }> {
  const response = await fetch(`http://127.0.0.1:${E2E_PORT}${path}`);
  const chatId = response.headers.get('x-baton-chat-id');
  const client = new Ably.Realtime({ endpoint: '127.0.0.1', port: E2E_PORT, tls: false, useBinaryProtocol: false, token: await response.text() });
  await client.connection.once('connected');
  return { client, chatId };
}

test.describe('hostile payloads', () => {
  const agents = useAgents(['alice', 'bob']);

  test('malformed, oversized and forged messages on chat, inbox, agents and lobby are dropped and counted', async () => {
    const { alice, bob } = agents;
    const visitor = await startScriptedVisitor('Ada', 'Invoice');
    // Carla's token is asked for while the chat is queued, when any agent may write into it (docs/security.md,
    // "Per-chat capabilities"): a token kept from then is the most a plain agent can hold on Alice's chat.
    const { client: carla } = await clientFor(`/auth/agent?agentId=carla&chats=${visitor.chatId}`);
    const { client: stranger, chatId: strangerChat } = await clientFor('/auth/visitor');
    try {
      await pickUp(alice, visitor.chatId, ['bob']);
      const chat = carla.channels.get(`chat:${visitor.chatId}`);
      await chat.publish('message', { text: 42 });
      await chat.publish('message', { text: 'x'.repeat(20_000) });
      await chat.publish('message', '<script>alert(1)</script>');
      await chat.publish('no.such.event', { anything: true });
      await chat.publish('takeover', { owner: 'carla', seq: 2 });
      await chat.publish('transfer.completed', { transferId: 'forged', owner: 'carla', seq: 2 });
      await chat.publish('message', { text: 'I am bob, trust me', clientId: 'bob', sender: { clientId: 'bob', manager: true } });
      await carla.channels.get('inbox:bob').publish('transfer.offered', { chatId: '../../etc', transferId: 5 });
      // The demo roster is one shard (presence-shards.ts): agents:0 and lobby:0.
      await carla.channels.get('agents:0').presence.enter({ name: { html: '<b>' }, status: 'busy', activeChats: -3 });
      await stranger.channels.get('lobby:0').presence.enter({ chatId: visitor.chatId, visitorName: 'Not really Ada', startedAt: 1 });
      await visitor.send('still here after the noise');

      await expect.poll(async () => (await chatOf(alice, visitor.chatId))?.transcript.at(-1)?.text).toBe('still here after the noise');
      const view = (await chatOf(alice, visitor.chatId))!;
      expect(view.owner).toBe('alice');
      expect(view.myRole).toBe('owner');
      // The forged identity in data is ignored: the line is Carla's, and not "the agent's reply".
      const forged = view.transcript.find((entry) => entry.text === 'I am bob, trust me');
      expect(forged).toMatchObject({ clientId: 'carla', countsAsReply: false });
      expect(view.transcript.some((entry) => entry.text.startsWith('xxxx'))).toBe(false);

      const drops = await alice.dropCounts();
      const total = Object.values(drops).reduce((sum, count) => sum + count, 0);
      expect(total).toBeGreaterThanOrEqual(4);
      expect(Object.keys(drops).some((reason) => reason.startsWith('lobby presence'))).toBe(true);
      expect(Object.keys(drops).some((reason) => reason.startsWith('agents presence'))).toBe(true);
      expect(Object.keys(await bob.dropCounts()).some((reason) => reason.startsWith('inbox'))).toBe(true);

      // The queue lists the real chat once, not the stranger's forgery; both sessions are still connected.
      expect((await alice.snapshot())?.lobby.filter((entry) => entry.chatId === visitor.chatId)).toHaveLength(1);
      expect((await alice.snapshot())?.lobby.some((entry) => entry.chatId === strangerChat)).toBe(false);
      expect((await alice.snapshot())?.connection.phase).toBe('connected');
      expect((await bob.snapshot())?.connection.phase).toBe('connected');
      expect((await bob.snapshot())?.agents.some((agent) => agent.clientId === 'carla')).toBe(false);
    } finally {
      visitor.close();
      carla.close();
      stranger.close();
    }
  });
});
