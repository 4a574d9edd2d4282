import { randomBytes } from 'node:crypto';
import { shardCountFor } from '../../../lib/realtime/presence-shards.ts';
import { until } from '../../../lib/session/headless-agent.ts';
import { seededRandom } from '../../../server/demo/simulation/random.ts';
import { startLocalServer, type LocalServer } from '../../../server/local-server.ts';
import type { HubOptions } from '../../../server/realtime-hub/hub.ts';
import { crowdNames } from '../crowded-session.ts';
import { namedErrors } from './ably-count.ts';
import { scheduleAwayBreaks } from './away-breaks.ts';
import { startChatTraffic } from './chat-traffic.ts';
import { timeColleagueLists } from './colleague-lists.ts';
import { createFailureCount } from './failure-count.ts';
import { inBatches } from './in-batches.ts';
import type { ActionCounts, ScaleResult } from './scale-result.ts';
import { signInSeats, type Seat } from './seats.ts';
import { installWireMeter } from './wire-meter.ts';

// The scale simulation (issue 18): N headless agents running Baton's real session code (the same
// createAgentSession and command handler as the extension's background) and N visitors with the real visitor
// session, on the local hub with its default limits, in one process. Time is compressed by `speed`: every rate
// in rates.ts runs `speed` times faster, so an agent-hour takes 3600/speed seconds of wall time; the per-second
// limits then see `speed` times the real rates, which only makes the check stricter. One process and one event
// loop keep 4,000 connections within a shared 2-core machine: no browser, no worker per agent.
// This file runs the phases in order (sign-in, first pick-ups, the measured window, the colleague lists); what the
// agents and visitors do is in chat-traffic.ts, hand-over.ts and away-breaks.ts.

export interface ScaleOptions {
  agents: number;
  /** Simulated seconds per wall second. */
  speed: number;
  /** Simulated minutes measured after every agent is signed in and every chat is picked up. */
  measureMinutes: number;
  seed?: number;
  /** Sign-ins and arrivals started together during setup. */
  batch?: number;
  hub?: Partial<HubOptions>;
  log?: (line: string) => void;
}

export async function runScale(options: ScaleOptions): Promise<ScaleResult> {
  const log = options.log ?? (() => {});
  const batch = options.batch ?? 20;
  const random = seededRandom(options.seed ?? 18);
  const wall = (simulatedMs: number) => simulatedMs / options.speed;
  const names = crowdNames(options.agents);
  const roster = names.map((name, i) => ({ id: `agent-${i}`, name: `${name} ${i}`, role: 'agent' as const }));
  const shards = shardCountFor(roster.length);
  const meter = installWireMeter();
  const { fail, failures, refusals } = createFailureCount();
  const pickUpTimes: number[] = [];
  const actions: ActionCounts = { pickUps: 0, transfers: 0, ends: 0, away: 0, messages: 0 };
  // An SDK error nobody awaits (an attach that timed out on an overloaded machine) is a failure, not a crash.
  const unhandled = (error: unknown) => fail('unhandled')(error);
  process.on('unhandledRejection', unhandled);
  let server: LocalServer | undefined;
  let seats: Seat[] = [];
  let traffic: ReturnType<typeof startChatTraffic> | undefined;
  const started = Date.now();
  try {
    server = await startLocalServer({ key: { keyName: 'scale.bench', secret: randomBytes(18).toString('base64url') }, port: 0, roster, ...(options.hub ? { hub: options.hub } : {}) });
    const { origin, port } = server;
    seats = await signInSeats(roster, { origin, port, shards, batch, log, fail });
    log(`  ${seats.length} agents signed in (${shards} shards)`);
    const chats = startChatTraffic({ origin, port, shards, seats, random, wall, actions, pickUpTimes, fail });
    traffic = chats;

    // One chat per agent before measuring; these pick-ups run flat out, so their times are not the measured ones.
    await inBatches(seats, batch, () =>
      chats
        .arrive(false)
        .then(() => void (chats.live.size % 250 === 0 && log(`  ${chats.live.size} chats picked up…`)))
        .catch(fail('arrive')),
    );
    await until('every chat owned', () => [...chats.live.values()].every((chat) => chat.owner.agent.snapshot()?.chats.some((c) => c.chatId === chat.chatId && c.myRole === 'owner')), 120_000).catch(fail('setup'));
    const setupSeconds = (Date.now() - started) / 1000;
    log(`  ${chats.live.size} live chats after ${setupSeconds.toFixed(0)} s; measuring ${options.measureMinutes} simulated minutes (${(wall(options.measureMinutes * 60_000) / 1000).toFixed(0)} s)`);

    meter.reset();
    for (const chat of chats.live.values()) chats.converse(chat);
    const awayTimers = scheduleAwayBreaks(seats, { random, wall, measureMinutes: options.measureMinutes, actions, fail });
    await new Promise((resolve) => setTimeout(resolve, wall(options.measureMinutes * 60_000)));
    chats.stop();
    // Messages are the window's alone; token requests and errors also count the colleague lists' (read at the end).
    const tally = meter.tally();
    const { inbound, outbound } = tally;
    for (const timer of awayTimers) clearTimeout(timer);

    const lists = await timeColleagueLists(seats, { origin, port, shards, fail });
    return {
      agents: seats.length,
      shards,
      liveChats: chats.live.size,
      simulatedHours: options.measureMinutes / 60,
      inbound,
      outbound,
      errors: namedErrors(meter.tally().errors),
      failures: failures(),
      refusals: refusals(),
      actions,
      ...lists,
      setupSeconds,
      tokenRequestsPerAgentHour: tally.tokenRequests / (seats.length * (options.measureMinutes / 60)),
      pickUpMs: { p50: percentile(pickUpTimes, 0.5), p95: percentile(pickUpTimes, 0.95) },
    };
  } finally {
    traffic?.close();
    for (const seat of seats) seat.agent.stop();
    await server?.close();
    meter.uninstall();
    process.off('unhandledRejection', unhandled);
  }
}

/** The value at fraction `p` (0–1) of the sorted samples, 0 for none. */
function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}
