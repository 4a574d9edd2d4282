import * as Ably from 'ably';
import { chatOf, launchAgent, pickUp } from '../../tests/e2e/support/agents.ts';
import type { BatonBackground } from '../../tests/e2e/support/baton-background.ts';
import { startScriptedVisitor } from '../../tests/e2e/support/scripted-visitor.ts';
import { browserBaseline } from './browser-baseline.ts';
import { percentile, type BenchRow } from './report.ts';

// Enough rounds that p95 is not simply the slowest one (the p95 of 100 is the fifth slowest).
const ROUNDS = 100;
/**
 * Rounds before the timed ones, and publishes before the timed ones in both baselines: the first transfers of a
 * fresh browser run code V8 has not compiled yet (the first three offers of a run took 22–40 ms, the rest 4–15).
 */
const WARMUP = 5;
/** Raw publishes per second in the baseline: under the hub's (Ably's) per-connection limit of 50. */
const BASELINE_RATE = 40;
/**
 * The least time from one round's start to the next's. A round is three messages on the chat (offered, accepted,
 * completed) and three or four on each agent's connection (those, the inbox notices, the chat count's presence
 * update), and the hub refuses, as Ably does, more than 50 a second on a channel or from a connection (42911,
 * 42913). On a quick host the rounds ran back to back in 30–40 ms, the hub refused a Transfer, and the run waited
 * for an offer that was never made. 100 ms keeps both near 30–35 a second, as no agent's day comes close to.
 */
const ROUND_SPACING_MS = 100;
/** An offer or a completion that has not arrived in this long was refused or lost: the run says so and stops. */
const ARRIVAL_TIMEOUT_MS = 10_000;

/** Waits for a probe's arrival, or fails with what was awaited instead of hanging the run. */
async function arrival(what: string, probe: { arrival: Promise<number> }): Promise<number> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`unable to bench the transfer; ${what} did not arrive in ${ARRIVAL_TIMEOUT_MS / 1000} s (a refused publish? run with BATON_SERVER_LOG=<file>)`)), ARRIVAL_TIMEOUT_MS);
  });
  try {
    return await Promise.race([probe.arrival, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Resolves once `ROUND_SPACING_MS` has passed since `startedAt` (performance.now()). */
const spaced = (startedAt: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, startedAt + ROUND_SPACING_MS - performance.now())));

/** Raw ably-js on the same hub: publish → subscribe between two token clients, in one process (one clock). */
async function baseline(port: number, samples = 200): Promise<number[]> {
  const chatId = `bench-${Date.now()}`;
  // Asking about the (empty, so queued) chat grants the publisher write on it (server/token-service/agent-capability.ts).
  const token = async (agentId: string) => (await fetch(`http://127.0.0.1:${port}/auth/agent?agentId=${agentId}&chats=${chatId}`)).text();
  const options = (jwt: string): Ably.ClientOptions => ({ endpoint: '127.0.0.1', port, tls: false, useBinaryProtocol: false, token: jwt });
  const publisher = new Ably.Realtime(options(await token('carla')));
  const subscriber = new Ably.Realtime(options(await token('lars')));
  const name = `chat:${chatId}`;
  const latencies: number[] = [];
  let resolveNext: (() => void) | undefined;
  await subscriber.channels.get(name).subscribe((message) => {
    latencies.push(performance.timeOrigin + performance.now() - (message.data as { sentAt: number }).sentAt);
    resolveNext?.();
  });
  await publisher.channels.get(name).attach();
  for (let i = 0; i < WARMUP + samples; i += 1) {
    // Paced under Ably's 50 messages/s per connection, which the hub enforces: back to back, the run was NACKed (42911).
    await new Promise((resolve) => setTimeout(resolve, 1000 / BASELINE_RATE));
    const arrived = new Promise<void>((resolve) => (resolveNext = resolve));
    await publisher.channels.get(name).publish('message', { sentAt: performance.timeOrigin + performance.now() });
    await arrived;
  }
  publisher.close();
  subscriber.close();
  return latencies.slice(WARMUP);
}

/** Offers timed to a colleague new to the chat, after WARMUP more that warm up its path (token, attach, history). */
const FIRST_OFFERS = 20;

/**
 * An offer of a chat the receiver has never followed, the usual case at work (the rows above re-offer one chat back
 * and forth, so the receiver already reads it). The inbox notice only says which chat to watch (the chat's log
 * decides, lib/chat/parse-inbox-event.ts), so the receiver first asks for a token that grants the chat, attaches and
 * reads its history before it has the offer. Each round is a new visitor's chat, picked up, offered, rejected and
 * ended, so neither agent piles up chats.
 */
async function measureFirstOffers(owner: BatonBackground, receiver: BatonBackground, receiverId: string, port: number): Promise<number[]> {
  const samples: number[] = [];
  for (let round = 0; round < WARMUP + FIRST_OFFERS; round += 1) {
    const startedAt = performance.now();
    const visitor = await startScriptedVisitor(`First offer ${round}`, 'Latency', port);
    try {
      await pickUp(owner, visitor.chatId);
      const offered = await receiver.whenChat(visitor.chatId, 'offered');
      const sentAt = await owner.sendTimed({ type: 'transfer', chatId: visitor.chatId, to: receiverId, note: '' });
      const offer = (await arrival('the offer', offered)) - sentAt;
      if (round >= WARMUP) samples.push(offer);
      const transferId = (await chatOf(receiver, visitor.chatId))!.pendingOffer!.transferId;
      await receiver.command({ type: 'reject-transfer', chatId: visitor.chatId, transferId });
      await owner.command({ type: 'end-chat', chatId: visitor.chatId });
      await owner.command({ type: 'close-window', chatId: visitor.chatId });
    } finally {
      visitor.close();
    }
    await spaced(startedAt);
  }
  return samples;
}

/** Accepts timed after the receiver has had the offer on screen this long, as a person reads it before clicking. */
const READ_MS = 300;
const PACED_ROUNDS = 40;

/**
 * One transfer of the chat from `owner` to `other` (`to` is other's id): the offer's time (sender's view sends
 * Transfer → receiver's view has it) and the accept's (receiver's view sends Accept, `readMs` after the offer arrived
 * → sender's view says listening). Returns once the log says `other` owns the chat, so the next round starts from a
 * settled chat (the views show the predicted owner one hub trip earlier: lib/chat/predict.ts), and no sooner than
 * ROUND_SPACING_MS after it started.
 */
async function transferRound(owner: BatonBackground, other: BatonBackground, chatId: string, to: string, readMs: number): Promise<{ offer: number; accept: number }> {
  const startedAt = performance.now();
  const offered = await other.whenChat(chatId, 'offered');
  const sentAt = await owner.sendTimed({ type: 'transfer', chatId, to, note: '' });
  const offer = (await arrival('the offer', offered)) - sentAt;
  const transferId = (await chatOf(other, chatId))!.pendingOffer!.transferId;
  const listening = await owner.whenChat(chatId, 'listening');
  if (readMs > 0) await new Promise((resolve) => setTimeout(resolve, readMs));
  const acceptedAt = await other.sendTimed({ type: 'accept-transfer', chatId, transferId });
  const accept = (await arrival('the completion', listening)) - acceptedAt;
  const settled = async () => {
    const chat = await chatOf(other, chatId);
    return chat?.myRole === 'owner' && chat.predicted !== true;
  };
  while (!(await settled())) await new Promise((resolve) => setTimeout(resolve, 10));
  await spaced(startedAt);
  return { offer, accept };
}

/**
 * Offer latency (sender's view sends Transfer → receiver's view has the offer) and
 * accept → listening (receiver's view sends Accept → sender's view says listening),
 * through two real Chromium agents, their workers and the hub; plus the worker kill →
 * restored time. Transfers go back and forth on one chat. The budgeted rows click Accept the moment the offer
 * arrives, the hardest case: the receiver's widened token (lib/realtime/chat-grants.ts `settled`) is often still on
 * its way, and the offer's alerts still run. The paced rows click after READ_MS, as a person would.
 */
export async function measureTransfer(port: number): Promise<BenchRow[]> {
  const [alice, bob] = await Promise.all([launchAgent('alice', port), launchAgent('bob', port)]);
  const visitor = await startScriptedVisitor('Bench visitor', 'Latency', port);
  const offers: number[] = [];
  const accepts: number[] = [];
  const pacedAccepts: number[] = [];
  const wakes: number[] = [];
  let hops: number[] = [];
  let firstOffers: number[] = [];
  try {
    await pickUp(alice, visitor.chatId, ['bob']);
    let [owner, other] = [alice, bob];
    const turn = async (readMs: number) => {
      const timed = await transferRound(owner, other, visitor.chatId, other === bob ? 'bob' : 'alice', readMs);
      [owner, other] = [other, owner];
      return timed;
    };
    for (let round = 0; round < WARMUP + ROUNDS; round += 1) {
      const { offer, accept } = await turn(0);
      if (round >= WARMUP) {
        offers.push(offer);
        accepts.push(accept);
      }
    }
    for (let round = 0; round < PACED_ROUNDS; round += 1) pacedAccepts.push((await turn(READ_MS)).accept);
    firstOffers = await measureFirstOffers(alice, bob, 'bob', port);
    // Where the offer's time goes: one view ⇄ worker round trip is the two in-browser hops the offer
    // makes (sender's view → worker, receiver's worker → view) beside the hub hop raw ably-js also makes.
    hops = await alice.roundTrips({ type: 'export-diagnostics' }, 100);
    for (let round = 0; round < 3; round += 1) {
      const killedAt = Date.now();
      await alice.killWorker();
      for (;;) {
        const snapshot = await alice.snapshot();
        const chat = snapshot?.chats.find((candidate) => candidate.chatId === visitor.chatId);
        if (snapshot?.connection.phase === 'connected' && chat?.historyLoaded) break;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      wakes.push(Date.now() - killedAt);
    }
  } finally {
    visitor.close();
    await Promise.allSettled([alice.context.close(), bob.context.close()]);
  }
  const raw = await baseline(port);
  const inBrowser = await browserBaseline(port, BASELINE_RATE, WARMUP);
  const row = (metric: string, samples: number[], p: number, budgetOverBaseline?: number): BenchRow => {
    const baselineValue = percentile(raw, p);
    return {
      metric: `${metric}, p${p}`,
      baton: percentile(samples, p),
      baseline: baselineValue,
      unit: 'ms',
      ...(budgetOverBaseline === undefined ? {} : { budget: baselineValue + budgetOverBaseline }),
      note: `${samples.length} transfers; baseline ${raw.length} raw publishes; ×${(percentile(samples, p) / baselineValue).toFixed(1)}`,
    };
  };
  // The same Baton figures beside raw ably-js where Baton runs (browser-baseline.ts): how much of the time is the
  // browser's own WebSocket path, which the Node baseline above does not have. No budget: the is the row above.
  const inBrowserRow = (metric: string, samples: number[]): BenchRow => ({
    metric: `${metric}, p95, beside raw ably-js in Chromium`,
    baton: percentile(samples, 95),
    baseline: percentile(inBrowser, 95),
    unit: 'ms',
    note: `baseline: ${inBrowser.length} publishes page → page between two Chromium browsers (p50 ${percentile(inBrowser, 50).toFixed(1)} ms); Baton + ${(percentile(samples, 95) - percentile(inBrowser, 95)).toFixed(1)} ms`,
  });
  return [
    row('offer: Transfer → receiver sees it', offers, 50),
    row('offer: Transfer → receiver sees it', offers, 95, 10),
    row('offer: Transfer → receiver sees it', offers, 99),
    row('accept → sender in listening mode', accepts, 50),
    row('accept → sender in listening mode', accepts, 95, 10),
    row('accept → sender in listening mode', accepts, 99),
    ...[50, 95].map((p) => ({
      metric: `accept clicked ${READ_MS} ms after the offer showed → sender in listening mode, p${p}`,
      baton: percentile(pacedAccepts, p),
      baseline: percentile(raw, p),
      unit: 'ms',
      note: `${pacedAccepts.length} transfers; a person reads the offer before clicking, so the receiver's widened token is in (the rows above click at once)`,
    })),
    ...[50, 95].map((p) => ({
      metric: `offer to a colleague new to the chat → receiver sees it, p${p}`,
      baton: percentile(firstOffers, p),
      unit: 'ms',
      note: `${firstOffers.length} offers, each of a new chat: the receiver gets a token for it, attaches and reads its history first`,
    })),
    inBrowserRow('offer: Transfer → receiver sees it', offers),
    inBrowserRow('accept → sender in listening mode', accepts),
    ...[50, 95].map((p) => ({ metric: `view ⇄ worker round trip (the view's connection), p${p}`, baton: percentile(hops, p), unit: 'ms', note: `${hops.length} trips; part of every offer and accept (the direct lane where Chrome gives one)` })),
    { metric: 'worker killed → reconnected and restored, p50', baton: percentile(wakes, 50), unit: 'ms', budget: 1000, note: `${wakes.length} kills; includes the view's 250 ms reconnect (lib/messaging/view-connection.ts)` },
  ];
}
