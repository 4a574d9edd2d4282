import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Ably from 'ably';
import { startLocalServer, type LocalServer } from '../../server/local-server.ts';
import { createRealtimeClient } from '../realtime/realtime-client.ts';
import { createVisitorSession } from '../visitor/visitor-session.ts';
import { createDiagnostics } from './diagnostics.ts';
import { createAgentSession, type AgentSession } from './agent-session.ts';
import { createCommandHandler } from './session-commands.ts';
import { identityFromToken } from './token-identity.ts';
import type { SessionSnapshot } from './session-snapshot.ts';

// Two agents' background sessions and a scripted visitor, on the real hub with the real
// ably-js, through the whole transfer: pick up, offer, accept, completion, listening.
const ROSTER = [
  { id: 'alice', name: 'Alice Andersen', role: 'agent' as const },
  { id: 'bob', name: 'Bob Berg', role: 'agent' as const },
];

let server: LocalServer;
const cleanups: Array<() => void> = [];

beforeAll(async () => {
  server = await startLocalServer({ key: { keyName: 'test.session', secret: 'sessionsecret' }, port: 0, roster: ROSTER });
});
afterAll(async () => {
  for (const cleanup of cleanups) cleanup();
  await server.close();
});

async function signIn(agentId: string) {
  let token = '';
  const settings = { tokenServiceUrl: server.origin, realtimeEndpoint: '127.0.0.1', realtimePort: server.port, tls: false, agentId };
  const client = createRealtimeClient({
    settings,
    fetchToken: async (url) => {
      const response = await fetch(url);
      token = await response.clone().text();
      return response;
    },
  });
  await client.connection.once('connected');
  const me = identityFromToken(token)!;
  let latest: SessionSnapshot | undefined;
  const session: AgentSession = createAgentSession({
    client,
    me,
    name: ROSTER.find((agent) => agent.id === agentId)!.name,
    status: 'present',
    offerTimeoutMs: 60_000,
    chats: {},
    diagnostics: createDiagnostics(),
    onChange: (snapshot) => (latest = snapshot),
    onChatsChange: () => {},
    onWake: () => {},
  });
  await session.start();
  cleanups.push(() => {
    session.dispose();
    client.close();
  });
  const handle = createCommandHandler({ session, me, offerTimeoutMs: 60_000 });
  return { session, handle, snapshot: () => latest };
}

async function until<T>(what: string, read: () => T | undefined | false, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('agent session on the local hub', () => {
  it('walks a transfer from pick-up to listening mode, with exactly one owner everywhere', async () => {
    const visitorToken = await fetch(`${server.origin}/auth/visitor`);
    const chatId = visitorToken.headers.get('x-baton-chat-id')!;
    const jwt = await visitorToken.text();
    const visitorClient = new Ably.Realtime({ endpoint: '127.0.0.1', port: server.port, tls: false, useBinaryProtocol: false, token: jwt });
    const visitor = createVisitorSession({ client: visitorClient, chatId, visitorName: 'Ada Lovelace', topic: 'Billing' });
    cleanups.push(() => {
      visitor.close();
      visitorClient.close();
    });
    await visitor.start();

    const alice = await signIn('alice');
    const bob = await signIn('bob');
    await until('Bob present for Alice', () => alice.snapshot()?.agents.some((agent) => agent.clientId === 'bob' && agent.status === 'present'));
    await until('the visitor queued for Alice', () => alice.snapshot()?.lobby.some((entry) => entry.chatId === chatId));

    await alice.handle({ type: 'pick-up' });
    await until('Alice owns the chat', () => alice.snapshot()?.chats.find((chat) => chat.chatId === chatId && chat.myRole === 'owner'));
    await visitor.send('Hello, my invoice is wrong');
    await alice.handle({ type: 'send', chatId, text: 'Let me get a colleague' });
    await until('the visitor sees the reply', () => visitor.view().transcript.length === 2);

    await alice.handle({ type: 'transfer', chatId, to: 'bob', note: 'Billing question' });
    const offered = await until('Bob is offered the chat', () => bob.snapshot()?.chats.find((chat) => chat.chatId === chatId && chat.canRespond));
    expect(offered.highlight).toEqual({ kind: 'transferred-to-you', from: 'alice' });
    expect(offered.pendingOffer?.note).toBe('Billing question');
    expect(offered.transcript.map((entry) => entry.text)).toEqual(['Hello, my invoice is wrong', 'Let me get a colleague']);
    expect(alice.snapshot()?.chats.find((chat) => chat.chatId === chatId)?.highlight).toEqual({ kind: 'waiting-for', to: 'bob' });

    await bob.handle({ type: 'accept-transfer', chatId, transferId: offered.pendingOffer!.transferId });
    await until('Bob owns the chat', () => bob.snapshot()?.chats.find((chat) => chat.chatId === chatId && chat.myRole === 'owner' && chat.canWrite));
    const aliceChat = await until('Alice is listening', () => alice.snapshot()?.chats.find((chat) => chat.chatId === chatId && chat.myRole === 'listening'));
    expect(aliceChat.canWrite).toBe(false);
    await until('the visitor sees Bob as owner', () => visitor.view().owner === 'bob');

    await expect(alice.handle({ type: 'send', chatId, text: 'still me?' })).rejects.toMatchObject({ code: 'refused' });
    await alice.handle({ type: 'close-window', chatId });
    expect(alice.snapshot()?.chats.some((chat) => chat.chatId === chatId)).toBe(false);
  });
});
