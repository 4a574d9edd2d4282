import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Ably from 'ably';
import { startLocalServer, type LocalServer } from '../../server/local-server.ts';
import { createRestHistory, HistoryError, type HistoryPage } from './rest-history.ts';

// The worker's direct REST history (no ably-js Rest plugin) reads exactly what ably-js'
// own history() reads from the hub: same messages, same order, same decoded data, across pages.
let server: LocalServer;
const clients: Ably.Realtime[] = [];

beforeAll(async () => {
  server = await startLocalServer({ key: { keyName: 'history.test', secret: 'historysecret' }, port: 0, roster: [{ id: 'alice', name: 'Alice', role: 'agent' }] });
});
afterAll(async () => {
  for (const client of clients) client.close();
  await server.close();
});

async function tokenFor(path: string) {
  const response = await fetch(`${server.origin}${path}`);
  return { token: await response.text(), chatId: response.headers.get('x-baton-chat-id') };
}

function realtime(token: string) {
  const client = new Ably.Realtime({ endpoint: '127.0.0.1', port: server.port, tls: false, useBinaryProtocol: false, token, logLevel: 0 });
  clients.push(client);
  return client;
}

async function readAll(first: HistoryPage | Ably.PaginatedResult<Ably.InboundMessage>) {
  const items: unknown[] = [];
  let page: HistoryPage | Ably.PaginatedResult<Ably.InboundMessage> | null | undefined = first;
  while (page) {
    items.push(...page.items);
    page = page.hasNext() ? await page.next() : null;
  }
  return items;
}

const shape = (message: unknown) => {
  const m = message as Ably.InboundMessage;
  return { id: m.id, name: m.name, clientId: m.clientId, timestamp: m.timestamp, data: m.data, extras: m.extras };
};

describe('REST history without the Rest plugin', () => {
  it('reads every message once, newest first, with data decoded as ably-js decodes it', async () => {
    // A chat nobody has written to yet is a queued chat: any agent who asks about it may write (agent-capability.ts).
    const chatId = `history-${Date.now()}`;
    const { token } = await tokenFor(`/auth/agent?agentId=alice&chats=${chatId}`);
    const channelName = `chat:${chatId}`;
    const writer = realtime(token).channels.get(channelName);
    const payloads = [{ text: 'one' }, 'two', { nested: { list: [1, 2] } }, 'æøå ‮ 👋', { text: 'five' }];
    for (const data of payloads) await writer.publish('message', data);

    const history = createRestHistory({ baseUrl: server.origin, token: () => token, renew: async () => {} });
    const ours = await readAll(await history(channelName, 2));
    const theirs = await readAll(await new Ably.Rest({ endpoint: '127.0.0.1', port: server.port, tls: false, useBinaryProtocol: false, token, logLevel: 0 }).channels.get(channelName).history({ limit: 2 }));
    expect(ours.map(shape)).toEqual(theirs.map(shape));
    expect(ours.map((m) => (m as Ably.InboundMessage).data)).toEqual([...payloads].reverse());
    expect((ours[0] as Ably.InboundMessage).extras).toMatchObject({ userClaim: 'agent' });
  });

  it('with start, reads only the messages at or after it (Ably timestamps, inclusive), across pages', async () => {
    const chatId = `history-start-${Date.now()}`;
    const { token } = await tokenFor(`/auth/agent?agentId=alice&chats=${chatId}`);
    const channelName = `chat:${chatId}`;
    const writer = realtime(token).channels.get(channelName);
    await writer.publish('message', 'old');
    await new Promise((resolve) => setTimeout(resolve, 20));
    for (const data of ['a', 'b', 'c']) await writer.publish('message', data);
    const history = createRestHistory({ baseUrl: server.origin, token: () => token, renew: async () => {} });
    const all = (await readAll(await history(channelName, 100))) as Ably.InboundMessage[];
    const since = all.find((m) => m.data === 'a')!.timestamp!;
    const tail = (await readAll(await history(channelName, 2, since))) as Ably.InboundMessage[];
    expect(tail.map((m) => m.data)).toEqual(['c', 'b', 'a']);
  });

  it('renews a rejected token once, and reports a capability denial without retrying', async () => {
    const agent = await tokenFor('/auth/agent?agentId=alice&chats=anything');
    let current = 'not-a-token';
    let renewals = 0;
    const history = createRestHistory({ baseUrl: server.origin, token: () => current, renew: async () => void ((current = agent.token), (renewals += 1)) });
    await expect(history('chat:anything', 10)).resolves.toMatchObject({ items: [] });
    expect(renewals).toBe(1);

    const visitor = await tokenFor('/auth/visitor');
    const visitorHistory = createRestHistory({ baseUrl: server.origin, token: () => visitor.token, renew: async () => void (renewals += 1) });
    const denied = await visitorHistory('chat:someone-else', 10).catch((error: unknown) => error);
    expect(denied).toBeInstanceOf(HistoryError);
    expect(denied).toMatchObject({ status: 401, code: 40160 });
    expect(renewals).toBe(1);
  });
});
