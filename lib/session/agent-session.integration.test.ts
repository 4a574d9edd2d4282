import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Ably from 'ably';
import { startLocalServer, type LocalServer } from '../../server/local-server.ts';
import { createVisitorSession } from '../visitor/visitor-session.ts';
import { startHeadlessAgent, until } from './headless-agent.ts';

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

async function signIn(agentId: string, fetchToken?: (url: string) => Promise<Response>) {
  const name = ROSTER.find((entry) => entry.id === agentId)!.name;
  const agent = await startHeadlessAgent({ origin: server.origin, port: server.port, agentId, name, offerTimeoutMs: 60_000, ...(fetchToken ? { fetchToken } : {}) });
  cleanups.push(() => agent.stop());
  return agent;
}

/** A visitor in the queue, with the real widget session. */
async function queuedVisitor(visitorName: string, topic: string, email?: string) {
  const visitorToken = await fetch(`${server.origin}/auth/visitor`);
  const chatId = visitorToken.headers.get('x-baton-chat-id')!;
  const visitorClient = new Ably.Realtime({ endpoint: '127.0.0.1', port: server.port, tls: false, useBinaryProtocol: false, token: await visitorToken.text() });
  const visitor = createVisitorSession({ client: visitorClient, chatId, visitorName, topic, ...(email ? { email } : {}) });
  cleanups.push(() => {
    visitor.close();
    visitorClient.close();
  });
  await visitor.start();
  return { chatId, visitor, client: visitorClient };
}

describe('agent session on the local hub', () => {
  it('walks a transfer from pick-up to listening mode, with exactly one owner everywhere', async () => {
    const { chatId, visitor } = await queuedVisitor('Ada Lovelace', 'Billing');

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

    await expect(alice.handle({ type: 'send', chatId, text: 'still me?' })).rejects.toMatchObject({ code: 'not-owner' });
    await alice.handle({ type: 'close-window', chatId });
    expect(alice.snapshot()?.chats.some((chat) => chat.chatId === chatId)).toBe(false);
  });

  it('completes an Accept on its notice to the offerer while the receiver’s token is still on its way', async () => {
    const { chatId, visitor } = await queuedVisitor('Alan Turing', 'Delivery');
    // While `held` is a list, Alice's token service does not answer: each request waits there.
    let held: Array<() => void> | null = null;
    const slowService = async (url: string) => {
      const waiting = held;
      if (waiting) await new Promise<void>((resolve) => waiting.push(resolve));
      return fetch(url);
    };
    const alice = await signIn('alice', slowService);
    const bob = await signIn('bob');
    await until('Bob present for Alice', () => alice.snapshot()?.agents.some((agent) => agent.clientId === 'bob' && agent.status === 'present'));
    await until('Alice present for Bob', () => bob.snapshot()?.agents.some((agent) => agent.clientId === 'alice' && agent.status === 'present'));
    await until('the visitor queued for Alice', () => alice.snapshot()?.lobby.some((entry) => entry.chatId === chatId));
    await alice.handle({ type: 'pick-up', chatId });
    await until('Alice owns the chat', () => alice.snapshot()?.chats.find((chat) => chat.chatId === chatId && chat.myRole === 'owner'));
    await alice.handle({ type: 'transfer', chatId, to: 'bob', note: '' });
    const toBob = await until('Bob is offered the chat', () => bob.snapshot()?.chats.find((chat) => chat.chatId === chatId && chat.canRespond));
    await bob.handle({ type: 'accept-transfer', chatId, transferId: toBob.pendingOffer!.transferId });
    await until('Alice is listening', () => alice.snapshot()?.chats.find((chat) => chat.chatId === chatId && chat.myRole === 'listening'));

    // Offered the chat back, listening Alice needs a token that lets her write to it; it does not come yet.
    const waiting: Array<() => void> = [];
    held = waiting;
    await bob.handle({ type: 'transfer', chatId, to: 'alice', note: 'Back to you' });
    const toAlice = await until('Alice is offered the chat back', () => alice.snapshot()?.chats.find((chat) => chat.chatId === chatId && chat.canRespond));
    await until('Alice asks for that token', () => waiting.length > 0);
    const accepting = alice.handle({ type: 'accept-transfer', chatId, transferId: toAlice.pendingOffer!.transferId });
    await until('Bob completes the transfer and listens', () => bob.snapshot()?.chats.find((chat) => chat.chatId === chatId && chat.myRole === 'listening'));
    expect(waiting.length).toBeGreaterThan(0);
    expect(alice.snapshot()?.chats.find((chat) => chat.chatId === chatId)?.myRole).toBe('owner');

    // The token comes: Alice's acceptance reaches the log too (it changes nothing there), and she writes as the owner.
    held = null;
    for (const release of waiting) release();
    await accepting;
    await alice.handle({ type: 'send', chatId, text: 'Alice again' });
    await until('the visitor sees Alice as owner, and her line', () => visitor.view().owner === 'alice' && visitor.view().transcript.some((line) => line.text === 'Alice again'));
  });

  it('a visitor who publishes first the ids an agent’s claim and acceptance would once have had drops neither', async () => {
    const { chatId, visitor, client } = await queuedVisitor('Mallory', 'Mischief');
    const alice = await signIn('alice');
    const bob = await signIn('bob');
    await until('Bob present for Alice', () => alice.snapshot()?.agents.some((agent) => agent.clientId === 'bob' && agent.status === 'present'));
    await until('the visitor queued for Alice', () => alice.snapshot()?.lobby.some((entry) => entry.chatId === chatId));
    // Ably (and the hub) drop a second message with a client-supplied id already used on the channel, whoever sends
    // it. These are the ids Baton's claim and acceptance had before they were tagged (lib/chat/control-ids.ts).
    const chat = client.channels.get(`chat:${chatId}`);
    await chat.publish({ name: 'claim', id: `${chatId}:claim:alice`, data: {} });

    await alice.handle({ type: 'pick-up', chatId });
    await until('Alice owns the chat', () => alice.snapshot()?.chats.find((entry) => entry.chatId === chatId && entry.myRole === 'owner'));
    await alice.handle({ type: 'transfer', chatId, to: 'bob', note: '' });
    const offered = await until('Bob is offered the chat', () => bob.snapshot()?.chats.find((entry) => entry.chatId === chatId && entry.canRespond));
    const transferId = offered.pendingOffer!.transferId;
    await chat.publish({ name: 'transfer.accepted', id: `${transferId}:accepted:bob`, data: { transferId } });
    await bob.handle({ type: 'accept-transfer', chatId, transferId });
    await until('the visitor sees Bob as owner', () => visitor.view().owner === 'bob');

    const log = (await chat.history({ limit: 100 })).items;
    const fromLog = (clientId: string, name: string) => log.filter((message) => message.clientId === clientId && message.name === name);
    expect(fromLog('alice', 'claim')).toHaveLength(1);
    expect(fromLog('bob', 'transfer.accepted')).toHaveLength(1);
    expect(fromLog(`visitor:${chatId}`, 'transfer.accepted')).toHaveLength(1);
  });

  it('an ended chat keeps the name the visitor gave after they leave the lobby', async () => {
    const { chatId } = await queuedVisitor('Grace Hopper', 'Compilers', 'grace@navy.example');

    const alice = await signIn('alice');
    await until('the visitor queued for Alice', () => alice.snapshot()?.lobby.some((entry) => entry.chatId === chatId));
    await alice.handle({ type: 'pick-up', chatId });
    await until('Alice owns the chat', () => alice.snapshot()?.chats.find((chat) => chat.chatId === chatId && chat.myRole === 'owner'));
    await alice.handle({ type: 'end-chat', chatId });
    await until('the visitor has left the lobby', () => !alice.snapshot()?.lobby.some((entry) => entry.chatId === chatId));
    const ended = alice.snapshot()?.chats.find((chat) => chat.chatId === chatId);
    expect(ended).toMatchObject({ ended: true, visitorName: 'Grace Hopper', topic: 'Compilers' });
  });
});
