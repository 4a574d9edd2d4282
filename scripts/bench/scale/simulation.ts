import { randomBytes } from 'node:crypto';
import { REJECTIONS } from '../../../lib/chat/reasons.ts';
import { AppError } from '../../../lib/errors.ts';
import type { AgentPresence } from '../../../lib/realtime/agent-presence.ts';
import { candidatesFor } from '../../../lib/models/transfer-choices.ts';
import { allAgentsChannels, shardCountFor, shardOf } from '../../../lib/realtime/presence-shards.ts';
import { startHeadlessAgent, until } from '../../../lib/session/headless-agent.ts';
import { seededRandom } from '../../../server/demo/simulation/random.ts';
import { startLocalServer, type LocalServer } from '../../../server/local-server.ts';
import type { HubOptions } from '../../../server/realtime-hub/hub.ts';
import { crowdNames } from '../crowded-session.ts';
import { LIMIT_ERRORS } from './ably-count.ts';
import { exponential, RATES } from './rates.ts';
import { startBenchVisitor, type BenchVisitor } from './visitors.ts';
import { installWireMeter } from './wire-meter.ts';

/** "Transfer to" as the dialog orders it: Present colleagues other than me, the least busy first. */
function transferCandidates(agents: readonly AgentPresence[], selfId: string): AgentPresence[] {
  return candidatesFor(agents.filter((agent) => agent.status === 'present' && agent.clientId !== selfId)).map((candidate) => candidate.agent);
}

// The scale simulation (issue 18): N headless agents running Baton's real session code (the same
// createAgentSession and command handler as the extension's background) and N visitors with the real visitor
// session, on the local hub with its default limits, in one process. Time is compressed by `speed`: every rate
// in rates.ts runs `speed` times faster, so an agent-hour takes 3600/speed seconds of wall time; the per-second
// limits then see `speed` times the real rates, which only makes the check stricter. One process and one event
// loop keep 4,000 connections within a shared 2-core machine: no browser, no worker per agent.

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

export interface ScaleResult {
  agents: number;
  shards: number;
  liveChats: number;
  simulatedHours: number;
  inbound: number;
  outbound: number;
  /** Limit errors the hub sent (code → count), and any other error codes. */
  errors: Record<string, number>;
  /** Commands that failed (not counting the chat core's refusals of a stale action). */
  failures: Record<string, number>;
  /** Commands the chat core refused (an action planned on a stale view); reported, not errors. */
  refusals: number;
  actions: { pickUps: number; transfers: number; ends: number; away: number; messages: number };
  /** A re-signed-in agent's session lists every present colleague of its team (its Transfer to list). */
  teamListMs: number;
  teamSize: number;
  /** REST presence over every agents shard: every present agent of the organisation. */
  orgListMs: number;
  orgListed: number;
  setupSeconds: number;
  /** Agent token requests during the measured window, per agent-hour. */
  tokenRequestsPerAgentHour: number;
  /** Time from "pick up" to the claim being done (its token round trip included), median and 95th percentile. */
  pickUpMs: { p50: number; p95: number };
}

type Agent = Awaited<ReturnType<typeof startHeadlessAgent>>;
interface Seat { id: string; shard: number; agent: Agent; away: boolean; load: number }
interface Live {
  chatId: string;
  visitor: BenchVisitor;
  owner: Seat;
  timers: ReturnType<typeof setTimeout>[];
  sending: Set<Promise<unknown>>;
  /** A transfer under way: the chat ends after it (an agent does not end a chat it is handing over). */
  transferring?: Promise<void>;
}

async function inBatches<T>(items: readonly T[], size: number, run: (item: T) => Promise<void>): Promise<void> {
  for (let start = 0; start < items.length; start += size) await Promise.all(items.slice(start, start + size).map(run));
}

export async function runScale(options: ScaleOptions): Promise<ScaleResult> {
  const log = options.log ?? (() => {});
  const random = seededRandom(options.seed ?? 18);
  const wall = (simulatedMs: number) => simulatedMs / options.speed;
  const names = crowdNames(options.agents);
  const roster = names.map((name, i) => ({ id: `agent-${i}`, name: `${name} ${i}`, role: 'agent' as const }));
  const shards = shardCountFor(roster.length);
  const meter = installWireMeter();
  const failures: Record<string, number> = {};
  const fail = (what: string) => (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    // The chat core refusing an action the simulation planned on a stale view (a race, as between real agents).
    if (error instanceof AppError && (REJECTIONS as readonly string[]).includes(error.code)) return void (refusals += 1);
    const key = `${what}: ${message.slice(0, 80)}`;
    failures[key] = (failures[key] ?? 0) + 1;
  };
  let refusals = 0;
  const pickUpTimes: number[] = [];
  const actions = { pickUps: 0, transfers: 0, ends: 0, away: 0, messages: 0 };
  // An SDK error nobody awaits (an attach that timed out on an overloaded machine) is a failure, not a crash.
  const unhandled = (error: unknown) => fail('unhandled')(error);
  process.on('unhandledRejection', unhandled);
  let server: LocalServer | undefined;
  const seats: Seat[] = [];
  const live = new Map<string, Live>();
  let measuring = true;
  const started = Date.now();
  try {
    server = await startLocalServer({ key: { keyName: 'scale.bench', secret: randomBytes(18).toString('base64url') }, port: 0, roster, ...(options.hub ? { hub: options.hub } : {}) });
    const { origin, port } = server;
    await inBatches(roster, options.batch ?? 20, async ({ id, name }) => {
      try {
        const agent = await startHeadlessAgent({ origin, port, agentId: id, name });
        seats.push({ id, shard: shardOf(id, shards), agent, away: false, load: 0 });
        if (seats.length % 250 === 0) log(`  ${seats.length} agents signed in…`);
      } catch (error) {
        fail('sign in')(error);
      }
    });
    log(`  ${seats.length} agents signed in (${shards} shards)`);
    const team = (shard: number) => seats.filter((seat) => seat.shard === shard);

    const leastBusy = (shard: number) => team(shard).filter((seat) => !seat.away).sort((a, b) => a.load - b.load)[0] ?? team(shard)[0];

    const end = (chat: Live): void => {
      // Ending mid-transfer would cancel the offer and count as a transfer that never arrived (seen at 500 agents:
      // short chats, whose end came before a slow offer was accepted).
      if (chat.transferring) return void chat.transferring.then(() => measuring && end(chat));
      for (const timer of chat.timers) clearTimeout(timer);
      live.delete(chat.chatId);
      chat.owner.load -= 1;
      actions.ends += 1;
      const ended = chat.owner.agent.handle({ type: 'end-chat', chatId: chat.chatId }).catch(fail('end chat'));
      // The visitor leaves once its last line is through (closing with a line in flight would fail that line).
      void Promise.allSettled([ended, ...chat.sending]).then(() => chat.visitor.close());
      if (measuring) setTimeout(() => void arrive().catch(fail('arrive')), wall(RATES.arrivalSeconds * 1000));
    };

    const transfer = async (chat: Live) => {
      const from = chat.owner;
      const candidates = transferCandidates(from.agent.snapshot()?.agents ?? [], from.id);
      const to = seats.find((seat) => seat.id === candidates[0]?.clientId);
      if (!to) return;
      await from.agent.handle({ type: 'transfer', chatId: chat.chatId, to: to.id, note: '' });
      const theirs = () => to.agent.snapshot()?.chats.find((c) => c.chatId === chat.chatId);
      const offer = await until('the offer reaches the colleague', () => theirs()?.pendingOffer, 30_000).catch((error: unknown) => {
        // Say how far it got: the chat not followed at all (the inbox notice), not loaded (token or history), or loaded without the offer.
        const seen = theirs();
        throw new Error(`${String(error)} (${!seen ? 'chat not followed' : !seen.historyLoaded ? 'chat not loaded' : `loaded, role ${seen.myRole}, no pending offer`})`);
      });
      await to.agent.handle({ type: 'accept-transfer', chatId: chat.chatId, transferId: offer.transferId });
      await until('the transfer completes', () => from.agent.snapshot()?.chats.find((c) => c.chatId === chat.chatId)?.myRole === 'listening', 30_000);
      chat.owner = to;
      from.load -= 1;
      to.load += 1;
      actions.transfers += 1;
      await from.agent.handle({ type: 'close-window', chatId: chat.chatId });
    };

    const converse = (chat: Live) => {
      const life = exponential(RATES.chatMinutes * 60_000, random);
      const gap = life / (RATES.messagesPerChat + 1);
      for (let line = 1; line <= RATES.messagesPerChat; line++) {
        chat.timers.push(
          setTimeout(() => {
            actions.messages += 1;
            const text = `Line ${line} about order ${chat.chatId}`;
            const sent = (line % 2 === 1 ? chat.visitor.session.send(text) : chat.owner.agent.handle({ type: 'send', chatId: chat.chatId, text })).catch(fail('send'));
            chat.sending.add(sent);
            void sent.finally(() => chat.sending.delete(sent));
          }, wall(gap * line)),
        );
      }
      const handOver = () => {
        chat.transferring = transfer(chat)
          .catch(fail('transfer'))
          .finally(() => (chat.transferring = undefined));
      };
      if (random() < RATES.transferShare) chat.timers.push(setTimeout(handOver, wall(life / 2)));
      chat.timers.push(setTimeout(() => end(chat), wall(life)));
    };

    /** A visitor arrives; the least busy Present agent of the chat's team picks it up. */
    const arrive = async (startConversation = true) => {
      const visitor = await startBenchVisitor(origin, port, `Visitor ${live.size}`);
      const owner = leastBusy(shardOf(visitor.chatId, shards));
      if (!owner) return visitor.close();
      owner.load += 1;
      actions.pickUps += 1;
      const chat: Live = { chatId: visitor.chatId, visitor, owner, timers: [], sending: new Set() };
      live.set(chat.chatId, chat);
      const clicked = Date.now();
      await owner.agent.handle({ type: 'pick-up', chatId: visitor.chatId });
      if (startConversation) pickUpTimes.push(Date.now() - clicked);
      if (startConversation) converse(chat);
    };

    await inBatches(seats, options.batch ?? 20, () =>
      arrive(false)
        .then(() => void (live.size % 250 === 0 && log(`  ${live.size} chats picked up…`)))
        .catch(fail('arrive')),
    );
    await until('every chat owned', () => [...live.values()].every((chat) => chat.owner.agent.snapshot()?.chats.some((c) => c.chatId === chat.chatId && c.myRole === 'owner')), 120_000).catch(fail('setup'));
    const setupSeconds = (Date.now() - started) / 1000;
    log(`  ${live.size} live chats after ${setupSeconds.toFixed(0)} s; measuring ${options.measureMinutes} simulated minutes (${(wall(options.measureMinutes * 60_000) / 1000).toFixed(0)} s)`);

    meter.reset();
    const measureMs = options.measureMinutes * 60_000;
    for (const chat of live.values()) converse(chat);
    const awayTimers = seats.map((seat) =>
      random() < (RATES.awayPerHour * options.measureMinutes) / 60
        ? setTimeout(() => {
            seat.away = true;
            actions.away += 1;
            void seat.agent.handle({ type: 'set-status', status: 'away' }).catch(fail('away'));
            setTimeout(() => {
              seat.away = false;
              void seat.agent.handle({ type: 'set-status', status: 'present' }).catch(fail('present'));
            }, wall(RATES.awayMinutes * 60_000));
          }, wall(random() * (measureMs - RATES.awayMinutes * 60_000)))
        : undefined,
    );
    await new Promise((resolve) => setTimeout(resolve, wall(measureMs)));
    measuring = false;
    // The window is over: no more lines, transfers or ends (the teardown's closed connections are not failures).
    for (const chat of live.values()) for (const timer of chat.timers) clearTimeout(timer);
    const tally = meter.tally();
    const inbound = tally.inbound;
    const outbound = tally.outbound;
    for (const timer of awayTimers) clearTimeout(timer);

    // "Transfer to" for someone signing in now: their team, live; and the whole organisation over REST.
    const probe = seats[0]!;
    const teamSize = team(probe.shard).filter((seat) => seat !== probe).length;
    probe.agent.stop();
    const probeStart = Date.now();
    probe.agent = await startHeadlessAgent({ origin, port, agentId: probe.id, name: 'Probe' });
    await until('the team listed', () => transferCandidates(probe.agent.snapshot()?.agents ?? [], probe.id).length + (probe.agent.snapshot()?.agents.filter((a) => a.status === 'away').length ?? 0) >= teamSize, 60_000).catch(fail('team list'));
    const teamListMs = Date.now() - probeStart;
    const token = await (await fetch(`${origin}/auth/agent?agentId=${probe.id}`)).text();
    const orgStart = Date.now();
    const members = await Promise.all(
      allAgentsChannels({ shards }).map(async (channel) => {
        const response = await fetch(`${origin}/channels/${encodeURIComponent(channel)}/presence?limit=1000`, { headers: { authorization: `Bearer ${btoa(token)}` } });
        const body: unknown = await response.json();
        return Array.isArray(body) ? body.length : 0;
      }),
    );
    const orgListMs = Date.now() - orgStart;

    const errors: Record<string, number> = {};
    for (const [code, count] of meter.tally().errors) errors[`${code}${LIMIT_ERRORS[code] ? ` ${LIMIT_ERRORS[code]}` : ''}`] = count;
    return {
      agents: seats.length,
      shards,
      liveChats: live.size,
      simulatedHours: options.measureMinutes / 60,
      inbound,
      outbound,
      errors,
      failures: { ...failures },
      refusals,
      actions,
      teamListMs,
      teamSize,
      orgListMs,
      orgListed: members.reduce((sum, n) => sum + n, 0),
      setupSeconds,
      tokenRequestsPerAgentHour: tally.tokenRequests / (seats.length * (options.measureMinutes / 60)),
      pickUpMs: { p50: percentile(pickUpTimes, 0.5), p95: percentile(pickUpTimes, 0.95) },
    };
  } finally {
    measuring = false;
    for (const chat of live.values()) {
      for (const timer of chat.timers) clearTimeout(timer);
      chat.visitor.close();
    }
    for (const seat of seats) seat.agent.stop();
    await server?.close();
    meter.uninstall();
    process.off('unhandledRejection', unhandled);
  }
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

/** Ably messages per agent-hour, inbound and outbound together, as Ably bills them. */
export function perAgentHour(result: ScaleResult): { inbound: number; outbound: number; total: number } {
  const hours = result.agents * result.simulatedHours;
  return { inbound: result.inbound / hours, outbound: result.outbound / hours, total: (result.inbound + result.outbound) / hours };
}
