import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Ably from 'ably';
import { RECEIVER_EXPIRY_DELAY_MS } from '../chat/limits.ts';
import { startLocalServer, type LocalServer } from '../../server/local-server.ts';
import { createVisitorSession } from '../visitor/visitor-session.ts';
import { startHeadlessAgent, until } from './headless-agent.ts';

// The sender's browser closes while its offer is pending. Nobody is left to publish
// the sender's expiry or completion, yet the offer still ends: the receiver's backup
// alarm expires it (chat-core: arbiter), and a manager's take-over supersedes it, also
// after the receiver accepted (only the sender completes, so an accepted offer would
// otherwise wait for the sender's return).
const OFFER_MS = 1500;
type AgentId = 'alice' | 'bob' | 'mia';
const ROSTER: { id: AgentId; name: string; role: 'agent' | 'manager' }[] = [
  { id: 'alice', name: 'Alice', role: 'agent' },
  { id: 'bob', name: 'Bob', role: 'agent' },
  { id: 'mia', name: 'Mia', role: 'manager' },
];

let server: LocalServer;
const cleanups: Array<() => void> = [];
const start = async (id: AgentId) => {
  const agent = await startHeadlessAgent({ origin: server.origin, port: server.port, agentId: id, name: id, offerTimeoutMs: OFFER_MS });
  cleanups.push(() => agent.stop());
  return agent;
};

beforeAll(async () => {
  server = await startLocalServer({ key: { keyName: 'gone.test', secret: 'gonesecret' }, port: 0, roster: ROSTER });
});
afterAll(async () => {
  for (const cleanup of cleanups) cleanup();
  await server?.close();
});

/** Alice picks up a new visitor's chat and offers it to Bob, then her browser closes. */
async function offerThenSenderGone() {
  const response = await fetch(`${server.origin}/auth/visitor`);
  const chatId = response.headers.get('x-baton-chat-id')!;
  const client = new Ably.Realtime({ endpoint: '127.0.0.1', port: server.port, tls: false, useBinaryProtocol: false, token: await response.text(), logLevel: 0 });
  const visitor = createVisitorSession({ client, chatId, visitorName: 'V', topic: 'T' });
  await visitor.start();
  cleanups.push(() => (visitor.close(), client.close()));
  const [alice, bob, mia] = [await start('alice'), await start('bob'), await start('mia')];
  const chat = (agent: typeof bob, id = chatId) => agent.snapshot()?.chats.find((entry) => entry.chatId === id);
  await until('queued', () => alice.snapshot()?.lobby.some((entry) => entry.chatId === chatId));
  await alice.handle({ type: 'pick-up', chatId });
  await until('alice owns', () => chat(alice)?.myRole === 'owner');
  await alice.handle({ type: 'transfer', chatId, to: 'bob', note: 'over to you' });
  const offer = await until('bob is offered', () => chat(bob)?.canRespond && chat(bob)?.pendingOffer);
  alice.stop();
  await until('alice has left presence', () => !bob.snapshot()?.agents.some((agent) => agent.clientId === 'alice'));
  const offerStatus = () => visitor.state().register.offers.find((entry) => entry.transferId === offer.transferId)?.status;
  return { chatId, visitor, bob, mia, chat, offer, offerStatus, stopAll: () => (bob.stop(), mia.stop()) };
}

describe('the sender closes the browser while the offer is pending', () => {
  it('the receiver’s backup alarm expires it: the offer is no longer shown, cannot be accepted, and the chat stays with the sender', { timeout: 30_000 }, async () => {
    const { chatId, visitor, bob, mia, chat, offer, offerStatus, stopAll } = await offerThenSenderGone();
    try {
      await until('expired by the receiver', () => offerStatus() === 'expired', OFFER_MS + RECEIVER_EXPIRY_DELAY_MS + 5000);
      expect(visitor.state().register).toMatchObject({ owner: 'alice', pending: null });
      const expired = visitor.state().register.offers.find((entry) => entry.transferId === offer.transferId);
      expect(expired).toMatchObject({ status: 'expired', to: 'bob' });
      await until('bob no longer sees the offer', () => !chat(bob)?.canRespond);
      // Refused by the core, or the chat is already gone from Bob's session (nothing ties him to it any more).
      await expect(bob.handle({ type: 'accept-transfer', chatId, transferId: offer.transferId })).rejects.toMatchObject({ code: expect.stringMatching(/^(offer-not-pending|unknown-chat)$/) });
      expect(offerStatus()).toBe('expired');
      // Nothing stuck with an absent owner: a manager takes it.
      await mia.handle({ type: 'take-over', chatId });
      await until('mia owns', () => visitor.state().register.owner === 'mia' && chat(mia)?.myRole === 'owner');
    } finally {
      stopAll();
    }
  });

  it('a manager’s take-over resolves it, whether the receiver had answered or not', { timeout: 30_000 }, async () => {
    for (const receiverAccepts of [false, true]) {
      const { chatId, visitor, bob, mia, chat, offer, offerStatus, stopAll } = await offerThenSenderGone();
      try {
        if (receiverAccepts) {
          await bob.handle({ type: 'accept-transfer', chatId, transferId: offer.transferId });
          // Accepted, but only the (absent) sender completes a transfer: the offer waits.
          await until('accepted', () => offerStatus() === 'accepted');
          expect(visitor.state().register.owner).toBe('alice');
        }
        await mia.handle({ type: 'take-over', chatId });
        await until('superseded by the take-over', () => offerStatus() === 'superseded');
        expect(visitor.state().register).toMatchObject({ owner: 'mia', pending: null });
        await until('bob agrees', () => chat(bob)?.owner === 'mia' || !chat(bob));
        expect(chat(bob)?.canRespond ?? false).toBe(false);
        await until('mia can write', () => chat(mia)?.canWrite);
      } finally {
        stopAll();
      }
    }
  });
});
