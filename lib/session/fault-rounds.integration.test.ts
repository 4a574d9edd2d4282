import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Ably from 'ably';
import { startLocalServer, type LocalServer } from '../../server/local-server.ts';
import { seededRandom } from '../../server/demo/simulation/random.ts';
import { logOf } from '../chat/fold.ts';
import { createVisitorSession } from '../visitor/visitor-session.ts';
import { startHeadlessAgent, until } from './headless-agent.ts';

// Randomised races on the real hub with the extension's session code: two agents
// claiming one chat, accept vs cancel, accept vs manager take-over, message bursts.
// After each round: one owner everywhere, no offer left pending, every message once.
// BATON_FAULT_ROUNDS (default 50) and BATON_FAULT_SEED replay a failure.
const ROUNDS = Number(process.env.BATON_FAULT_ROUNDS ?? 50);
const SEED = Number(process.env.BATON_FAULT_SEED ?? Date.now() % 100_000);
const ROSTER = [
  { id: 'alice', name: 'Alice', role: 'agent' as const },
  { id: 'bob', name: 'Bob', role: 'agent' as const },
  { id: 'mia', name: 'Mia', role: 'manager' as const },
];

let server: LocalServer;
let agents: Record<'alice' | 'bob' | 'mia', Awaited<ReturnType<typeof startHeadlessAgent>>>;

beforeAll(async () => {
  console.log(`[fault rounds] ${ROUNDS} rounds, seed ${SEED} (replay: BATON_FAULT_SEED=${SEED})`);
  server = await startLocalServer({ key: { keyName: 'fault.test', secret: 'faultsecret' }, port: 0, roster: ROSTER });
  const start = (id: 'alice' | 'bob' | 'mia') => startHeadlessAgent({ origin: server.origin, port: server.port, agentId: id, name: id, offerTimeoutMs: 60_000 });
  agents = { alice: await start('alice'), bob: await start('bob'), mia: await start('mia') };
});
afterAll(async () => {
  for (const agent of Object.values(agents ?? {})) agent.stop();
  await server?.close();
});

async function visitorChat() {
  const response = await fetch(`${server.origin}/auth/visitor`);
  const chatId = response.headers.get('x-baton-chat-id')!;
  const client = new Ably.Realtime({ endpoint: '127.0.0.1', port: server.port, tls: false, useBinaryProtocol: false, token: await response.text(), logLevel: 0 });
  const visitor = createVisitorSession({ client, chatId, visitorName: 'V', topic: 'T' });
  await visitor.start();
  return { chatId, visitor, close: () => (visitor.close(), client.close()) };
}

const chat = (id: 'alice' | 'bob' | 'mia', chatId: string) => agents[id].snapshot()?.chats.find((entry) => entry.chatId === chatId);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('randomised fault rounds', () => {
  // About 0.5–1 s a round on a 2-core machine; the full count (test:faults:full) gets room to match.
  it(`${ROUNDS} rounds keep every invariant`, { timeout: Math.max(300_000, ROUNDS * 3000) }, async () => {
    const random = seededRandom(SEED);
    const outcomes: Record<string, number> = {};
    for (let round = 0; round < ROUNDS; round += 1) {
      const scenario = (['claim-race', 'accept-vs-cancel', 'accept-vs-takeover', 'burst'] as const)[Math.floor(random() * 4)]!;
      const { chatId, visitor, close } = await visitorChat();
      try {
        await until('queued', () => agents.alice.snapshot()?.lobby.some((entry) => entry.chatId === chatId) && agents.bob.snapshot()?.lobby.some((entry) => entry.chatId === chatId));
        if (scenario === 'claim-race') {
          await Promise.allSettled([
            sleep(random() * 8).then(() => agents.alice.handle({ type: 'pick-up', chatId })),
            sleep(random() * 8).then(() => agents.bob.handle({ type: 'pick-up', chatId })),
          ]);
          const owner = await until('an owner', () => visitor.view().owner);
          await until('claims settle', () => chat(owner as 'alice' | 'bob', chatId)?.myRole === 'owner');
          const loser = owner === 'alice' ? 'bob' : 'alice';
          await until('the loser lets go', () => !chat(loser, chatId));
          outcomes[`claim won by ${owner}`] = (outcomes[`claim won by ${owner}`] ?? 0) + 1;
        } else {
          await agents.alice.handle({ type: 'pick-up', chatId });
          await until('alice owns', () => chat('alice', chatId)?.myRole === 'owner');
          if (scenario === 'burst') {
            const lines = Array.from({ length: 15 }, (_, i) => `line ${round}.${i}`);
            await Promise.all(lines.map((line, i) => sleep(random() * 20 + i).then(() => visitor.send(line))));
            // Sent concurrently, so the order is the wire's: every line once, and the same order everywhere.
            await until('every line once', () => {
              const texts = chat('alice', chatId)?.transcript.map((entry) => entry.text) ?? [];
              return texts.length === lines.length && new Set(texts).size === lines.length && lines.every((line) => texts.includes(line));
            });
            await until('the visitor has them all', () => visitor.view().transcript.length === lines.length);
            expect(chat('alice', chatId)?.transcript.map((entry) => entry.id)).toEqual(visitor.view().transcript.map((entry) => entry.id));
            outcomes.burst = (outcomes.burst ?? 0) + 1;
          } else {
            if (scenario === 'accept-vs-takeover') {
              // Mia already follows the chat (listening in), so her take-over is not slowed by reading history
              // and really races the acceptance.
              await agents.mia.handle({ type: 'listen', chatId });
              await until('mia has the chat', () => agents.mia.session.chat(chatId)?.historyLoaded);
            }
            await agents.alice.handle({ type: 'transfer', chatId, to: 'bob', note: '' });
            const offer = await until('bob offered', () => chat('bob', chatId)?.canRespond && chat('bob', chatId)?.pendingOffer);
            const race = () =>
              scenario === 'accept-vs-cancel'
                ? agents.alice.handle({ type: 'cancel-transfer', chatId, transferId: offer.transferId })
                : agents.mia.handle({ type: 'take-over', chatId });
            const [raced] = await Promise.allSettled([
              sleep(random() * 10).then(race),
              sleep(random() * 10).then(() => agents.bob.handle({ type: 'accept-transfer', chatId, transferId: offer.transferId })),
            ]);
            // A take-over or cancel that was published is part of the outcome (a take-over may also land after the
            // completion, taking the chat from Bob): settle only once the visitor's log holds it.
            const racer = scenario === 'accept-vs-cancel' ? { clientId: 'alice', type: 'transfer.cancelled' } : { clientId: 'mia', type: 'takeover' };
            const owner = await until('settled', () => {
              const seen = visitor.state().register;
              const racerSeen = raced.status === 'rejected' || logOf(visitor.state()).some((entry) => entry.event.clientId === racer.clientId && entry.event.type === racer.type);
              return racerSeen && seen.pending === null && seen.owner;
            });
            // Everyone who still follows the chat agrees with the visitor's log; one whom nothing ties to it
            // any more (a receiver whose offer was superseded) may let go meanwhile, but never the owner.
            for (const id of ['alice', 'bob', 'mia'] as const) {
              await until(`${id} agrees`, () => {
                const view = chat(id, chatId);
                return view ? view.owner === owner : owner !== id;
              });
            }
            const status = visitor.state().register.offers.find((entry) => entry.transferId === offer.transferId)?.status;
            expect(['completed', 'cancelled', 'superseded']).toContain(status);
            outcomes[`${scenario}: ${status}`] = (outcomes[`${scenario}: ${status}`] ?? 0) + 1;
          }
        }
        // One owner: the register's history is a gap-free chain.
        const changes = visitor.state().register.ownership;
        expect(changes.map((change) => change.seq)).toEqual(changes.map((_, i) => i + 1));
      } finally {
        // Mia stops listening (or ends what she took over), so a long run does not pile up her subscriptions.
        if (agents.mia.session.chat(chatId)) {
          if (chat('mia', chatId)?.myRole === 'owner') await agents.mia.handle({ type: 'end-chat', chatId }).catch(() => {});
          await agents.mia.handle({ type: 'close-window', chatId }).catch(() => {});
        }
        close();
      }
    }
    console.log(`[fault rounds] outcomes ${JSON.stringify(outcomes)}`);
  });
});
