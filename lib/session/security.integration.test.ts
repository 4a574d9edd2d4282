import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Ably from 'ably';
import { logOf } from '../chat/fold.ts';
import { startLocalServer, type LocalServer } from '../../server/local-server.ts';
import { createVisitorSession } from '../visitor/visitor-session.ts';
import { startHeadlessAgent, until } from './headless-agent.ts';
import { agentCapability, roleClaims } from '../../server/token-service/capabilities.ts';
import { signAblyJwt } from '../../server/token-service/sign-token.ts';

// The security suite's realtime half, on the real hub with tokens from the real token
// service and the unmodified ably-js: what a visitor token cannot reach, what an agent
// without a role cannot do (background and every other client refuse), and that
// identity claimed inside a payload is ignored. Raw-frame attacks are in
// server/realtime-hub/hostile-clients.integration.test.ts; the UI side in tests/e2e.
const ROSTER: { id: AgentId; name: string; role: 'agent' | 'can-listen-in' | 'manager' }[] = [
  { id: 'alice', name: 'Alice', role: 'agent' },
  { id: 'bob', name: 'Bob', role: 'agent' },
  { id: 'lars', name: 'Lars', role: 'can-listen-in' },
  { id: 'mia', name: 'Mia', role: 'manager' },
];
type AgentId = 'alice' | 'bob' | 'lars' | 'mia';
// Four agents make one shard (presence-shards.ts): the agents' and the visitors' presence channels.
const AGENTS = 'agents:0';
const LOBBY = 'lobby:0';

const KEY = { keyName: 'security.test', secret: 'securitysecret' };
let server: LocalServer;
let agents: Record<AgentId, Awaited<ReturnType<typeof startHeadlessAgent>>>;
const cleanups: Array<() => void> = [];

beforeAll(async () => {
  server = await startLocalServer({ key: KEY, port: 0, roster: ROSTER });
  const start = (id: AgentId) => startHeadlessAgent({ origin: server.origin, port: server.port, agentId: id, name: id, offerTimeoutMs: 60_000 });
  agents = { alice: await start('alice'), bob: await start('bob'), lars: await start('lars'), mia: await start('mia') };
});
afterAll(async () => {
  for (const cleanup of cleanups) cleanup();
  for (const agent of Object.values(agents ?? {})) agent.stop();
  await server?.close();
});

/** A plain ably-js client holding a token from the token service, as an attacker with a valid sign-in would. */
function clientWith(token: string): Ably.Realtime {
  const client = new Ably.Realtime({ endpoint: '127.0.0.1', port: server.port, tls: false, useBinaryProtocol: false, token, logLevel: 0 });
  cleanups.push(() => client.close());
  return client;
}

async function visitorToken() {
  const response = await fetch(`${server.origin}/auth/visitor`);
  return { chatId: response.headers.get('x-baton-chat-id')!, token: await response.text() };
}

/** The agent's token from the token service, asking about `chats` as Baton's background does. */
async function agentToken(agentId: AgentId, chats: readonly string[] = []) {
  return (await fetch(`${server.origin}/auth/agent?agentId=${agentId}&chats=${chats.join(',')}`)).text();
}

/** Signed with the hub's key: an agent token that may write on every chat (what tokens were before issue 17). */
async function writingToken(agentId: AgentId) {
  const capability = { ...agentCapability(agentId, { shards: 1 }), 'chat:*': ['publish', 'subscribe', 'history'] };
  return (await signAblyJwt(KEY, { clientId: agentId, capability, channelClaims: roleClaims('agent'), ttlSeconds: 600 })).token;
}

/** A queued chat with a scripted visitor, picked up by Alice. */
async function aliceOwnsAChat() {
  const { chatId, token } = await visitorToken();
  const client = clientWith(token);
  const visitor = createVisitorSession({ client, chatId, visitorName: 'V', topic: 'T' });
  await visitor.start();
  cleanups.push(() => visitor.close());
  await until('queued for alice', () => agents.alice.snapshot()?.lobby.some((entry) => entry.chatId === chatId));
  await agents.alice.handle({ type: 'pick-up', chatId });
  await until('alice owns', () => agents.alice.snapshot()?.chats.find((chat) => chat.chatId === chatId)?.myRole === 'owner');
  return { chatId, visitor, client };
}

const chatOf = (id: AgentId, chatId: string) => agents[id].snapshot()?.chats.find((chat) => chat.chatId === chatId);

describe('a visitor token', () => {
  it('reaches its own chat only: no other chat, no agent channels, no inboxes, no forged clientId', async () => {
    const mine = await visitorToken();
    const other = await visitorToken();
    const client = clientWith(mine.token);
    await client.connection.whenState('connected');
    expect(client.auth.clientId).toBe(`visitor:${mine.chatId}`);

    // Another chat: neither live messages, nor its history, nor writing into it.
    // (Publish first: a channel whose attach was refused is failed and refuses locally.)
    await expect(client.channels.get(`chat:${other.chatId}`).publish('message', { text: 'hi' })).rejects.toMatchObject({ code: 40160 });
    await expect(client.channels.get(`chat:${other.chatId}`).history()).rejects.toMatchObject({ code: 40160 });
    await expect(client.channels.get(`chat:${other.chatId}`).attach()).rejects.toMatchObject({ code: 40160 });
    // Agents' presence (cannot appear as a colleague in "Transfer to"), nor read who is present.
    await expect(client.channels.get(AGENTS).attach()).rejects.toMatchObject({ code: 40160 });
    await expect(client.channels.get(AGENTS).presence.enter({ name: 'Alice', status: 'present', activeChats: 0 })).rejects.toBeDefined();
    const agentsRest = await fetch(`${server.origin}/channels/${encodeURIComponent(AGENTS)}/presence`, { headers: { authorization: `Bearer ${btoa(mine.token)}` } });
    expect(agentsRest.headers.get('x-ably-errorcode')).toBe('40160');
    // The queue: it may enter it (that is how it waits), but not see who else waits, live or over REST.
    const someoneElse = createVisitorSession({ client: clientWith(other.token), chatId: other.chatId, visitorName: 'Someone else', topic: 'Private' });
    await someoneElse.start();
    cleanups.push(() => someoneElse.close());
    await until('the other visitor queued', () => agents.alice.snapshot()?.lobby.some((entry) => entry.chatId === other.chatId));
    await client.channels.get(LOBBY).presence.enter({ chatId: mine.chatId, visitorName: 'Me', topic: 'T' });
    expect((await client.channels.get(LOBBY).presence.get({ waitForSync: false })).map((member) => member.clientId)).not.toContain(`visitor:${other.chatId}`);
    const restPresence = await fetch(`${server.origin}/channels/${encodeURIComponent(LOBBY)}/presence`, { headers: { authorization: `Bearer ${btoa(mine.token)}` } });
    expect(restPresence.status).toBe(401);
    expect(restPresence.headers.get('x-ably-errorcode')).toBe('40160');
    // An agent's inbox (a forged transfer notice).
    await expect(client.channels.get('inbox:alice').publish('transfer.offered', { chatId: mine.chatId })).rejects.toMatchObject({ code: 40160 });
    // Its own chat, but as someone else.
    const own = client.channels.get(`chat:${mine.chatId}`);
    await expect(own.publish({ name: 'message', data: { text: 'I am Alice' }, clientId: 'alice' })).rejects.toMatchObject({ code: 40012 });
    await expect(own.publish('message', { text: 'hello' })).resolves.toBeDefined();
    expect(agents.alice.snapshot()?.agents.map((agent) => agent.clientId)).not.toContain(`visitor:${mine.chatId}`);
  });

  it('cannot forge an author or a role inside a message: agents see the visitor wrote it', async () => {
    const { chatId, client } = await aliceOwnsAChat();
    await client.channels.get(`chat:${chatId}`).publish({
      name: 'message',
      data: { text: 'forged', clientId: 'alice', from: 'alice', author: 'Alice', role: 'manager', owner: 'visitor' },
      extras: { userClaim: 'agent,listener,manager' },
    });
    const line = await until('alice sees the line', () => chatOf('alice', chatId)?.transcript.find((entry) => entry.text === 'forged'));
    expect(line).toMatchObject({ clientId: `visitor:${chatId}`, authorKind: 'visitor', fromOwner: false });
    // A takeover "from" the visitor with a forged manager claim changes nothing.
    await client.channels.get(`chat:${chatId}`).publish({ name: 'takeover', data: { owner: `visitor:${chatId}`, seq: 2 }, extras: { userClaim: 'manager' } });
    await client.channels.get(`chat:${chatId}`).publish('message', { text: 'after the takeover' });
    await until('alice sees the next line', () => chatOf('alice', chatId)?.transcript.some((entry) => entry.text === 'after the takeover'));
    expect(chatOf('alice', chatId)).toMatchObject({ owner: 'alice', myRole: 'owner' });
  });
});

describe('an agent without the role', () => {
  it('cannot take over or listen in: the background refuses before anything is published', async () => {
    const { chatId } = await aliceOwnsAChat();
    await expect(agents.bob.handle({ type: 'take-over', chatId })).rejects.toMatchObject({ code: 'not-allowed' });
    await expect(agents.bob.handle({ type: 'listen', chatId })).rejects.toMatchObject({ code: 'not-allowed' });
    expect(chatOf('bob', chatId)).toBeUndefined();
    // "Can listen in" may listen, but not take over.
    await expect(agents.lars.handle({ type: 'take-over', chatId })).rejects.toMatchObject({ code: 'not-allowed' });
    await agents.lars.handle({ type: 'listen', chatId });
    const listening = await until('lars listens', () => chatOf('lars', chatId)?.historyLoaded && chatOf('lars', chatId));
    expect(listening).toMatchObject({ myRole: 'listening', canWrite: false, canTakeOver: false });
    expect(chatOf('alice', chatId)?.owner).toBe('alice');
  });

  it('going around the background, is refused by every other client: the hub stamps the true role', async () => {
    const { chatId, visitor } = await aliceOwnsAChat();
    // The service refuses Bob's own token on Alice's chat (capabilities.integration.test.ts). Defence in depth: a
    // token that may write there (as any agent's may while a chat is queued) still cannot forge a role.
    const bob = clientWith(await writingToken('bob'));
    const channel = bob.channels.get(`chat:${chatId}`);
    await channel.publish({ name: 'takeover', id: 'bob-forged-takeover', data: { owner: 'bob', seq: 2, from: 'mia', role: 'manager' }, extras: { userClaim: 'agent,listener,manager' } });
    await channel.publish({ name: 'transfer.offered', id: 'bob-forged-offer', data: { transferId: 'forged', to: 'bob', note: '', expiresAt: Date.now() + 60_000, seq: 1, from: 'alice' } });
    const rejectedAt = (state: ReturnType<typeof visitor.state>) =>
      logOf(state)
        .filter((entry) => entry.event.clientId === 'bob')
        .map((entry) => ({ type: entry.event.type, applied: entry.outcome.applied, claim: entry.event.sender.manager }))
        .sort((a, b) => a.type.localeCompare(b.type));
    const expected = [
      { type: 'takeover', applied: false, claim: false },
      { type: 'transfer.offered', applied: false, claim: false },
    ];
    await until('the visitor saw both', () => rejectedAt(visitor.state()).length === 2);
    expect(rejectedAt(visitor.state())).toEqual(expected);
    expect(visitor.state().register).toMatchObject({ owner: 'alice', pending: null });
    await until('alice saw both', () => {
      const chat = agents.alice.session.chat(chatId);
      return chat && rejectedAt(chat.state).length === 2;
    });
    expect(rejectedAt(agents.alice.session.chat(chatId)!.state)).toEqual(expected);
    expect(chatOf('alice', chatId)).toMatchObject({ owner: 'alice', myRole: 'owner', pendingOffer: null });

    // What the hub itself refuses an agent: reading another agent's inbox (offers addressed to them).
    // Agents may publish there (that is how offers are sent), so the attach succeeds, without subscribe.
    await expect(bob.channels.get('inbox:alice').history()).rejects.toMatchObject({ code: 40160 });
    const overheard: unknown[] = [];
    const seen: unknown[] = [];
    await bob.channels.get('inbox:alice').subscribe((message) => void overheard.push(message));
    await channel.subscribe('message', (message) => void seen.push(message));
    // One publisher, one hub: the inbox notice is fanned out before the chat line that follows it.
    const sender = clientWith(await agentToken('mia', [chatId])).channels;
    await sender.get('inbox:alice').publish('transfer.offered', { chatId, transferId: 't', expiresAt: Date.now() + 60_000, note: '' });
    await sender.get(`chat:${chatId}`).publish('message', { text: 'marker' });
    await until('bob sees the marker', () => seen.length === 1);
    expect(overheard).toEqual([]);
  });

  it('cannot write as the owner: a line with a forged author is shown as its own and never counts as a reply', async () => {
    const { chatId, visitor } = await aliceOwnsAChat();
    await visitor.send('Anyone there?');
    const own = clientWith(await agentToken('bob'));
    await expect(own.channels.get(`chat:${chatId}`).publish('message', { text: 'Alice here' })).rejects.toMatchObject({ code: 40160 });
    const bob = clientWith(await writingToken('bob'));
    await bob.channels.get(`chat:${chatId}`).publish('message', { text: 'Alice here, all fixed', clientId: 'alice', from: 'alice', owner: 'bob' });
    const line = await until('alice sees the line', () => chatOf('alice', chatId)?.transcript.find((entry) => entry.text === 'Alice here, all fixed'));
    expect(line).toMatchObject({ clientId: 'bob', authorKind: 'agent', fromOwner: false, countsAsReply: false });
    expect(chatOf('alice', chatId)?.awaitingReply).toBe(true);
  });
});
