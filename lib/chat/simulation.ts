// Test support (not shipped): a deterministic simulation of one chat on an Ably-like channel. Clients (the visitor's
// widget and 2–6 agents) act on their own, possibly stale, folded state; every publish is stamped by its region's
// clock (monotone per publisher, skewed across regions) and delivered to each client in its own order, with
// duplicates, drops healed by history, and restarts. The property test drives it from fast-check's integers.
import { arbitrate } from './arbiter.ts';
import * as commands from './commands.ts';
import type { Plan } from './commands.ts';
import type { AcceptanceNotice, ChatEvent } from './events.ts';
import { createChat, eventsOf, foldEvent, foldEvents } from './fold.ts';
import type { ChatState } from './fold.ts';
import { parseInboxEvent } from './parse-inbox-event.ts';
import type { Publish } from './publish.ts';
import type { Principal } from './roles.ts';
import { parseChatEvent } from './parse-chat-event.ts';
import { delivered } from './test-harness.ts';
import { viewFor } from './view.ts';

export type StepKind = 'act' | 'deliver' | 'arbitrate' | 'duplicate' | 'drop' | 'history' | 'restart' | 'time' | 'rogue';
export interface SimStep {
  readonly kind: StepKind;
  readonly client: number;
  readonly param: number;
  readonly dt: number;
}
export interface SimConfig {
  readonly agents: number;
  readonly managerMask: number;
  readonly regionSkew: readonly number[];
  readonly clockSkew: readonly number[];
  /** Ably's idempotent publishing drops a repeated id; off, a late retry gets through with a new timestamp. */
  readonly serverDedupe: boolean;
  readonly steps: readonly SimStep[];
}

export interface SimClient {
  readonly me: Principal;
  readonly index: number;
  state: ChatState;
  queue: ChatEvent[];
  lastStamp: number;
  restarts: number;
  serial: number;
  counter: number;
  /** Ids this client's arbiter has published (lost on restart, like the worker's memory). */
  sent: Set<string>;
  /** The latest acceptance told to this client's inbox (lost on restart, like the worker's memory). */
  relayed: AcceptanceNotice | null;
}

export interface Simulation {
  readonly clients: readonly SimClient[];
  /** Everything the channel accepted, in publish order. */
  readonly log: readonly ChatEvent[];
  readonly now: () => number;
  readonly step: (step: SimStep) => void;
  /** Delivers everything everywhere, lets time pass and arbiters act until nothing more is published. */
  readonly quiesce: () => void;
}

export function createSimulation(config: SimConfig, onState: (client: SimClient) => void = () => {}): Simulation {
  let time = 1_700_000_000_000;
  const log: ChatEvent[] = [];
  const usedIds = new Set<string>();
  const people: Principal[] = [{ clientId: 'visitor', kind: 'visitor', manager: false, listener: false }];
  for (let i = 0; i < config.agents; i++) {
    const manager = (config.managerMask & (1 << i)) !== 0;
    people.push({ clientId: `agent-${i}`, kind: 'agent', manager, listener: manager || i % 2 === 1 });
  }
  const clients: SimClient[] = people.map((me, index) => ({
    me, index, state: createChat('sim'), queue: [], lastStamp: 0, restarts: 0, serial: 0, counter: 0, sent: new Set(), relayed: null,
  }));
  const pick = <T>(items: readonly T[], n: number): T | undefined => items[n % Math.max(1, items.length)];
  const clock = (c: SimClient): number => time + (config.clockSkew[c.index] ?? 0);
  const setState = (c: SimClient, state: ChatState): void => {
    c.state = state;
    onState(c);
  };

  const publish = (c: SimClient, p: Publish, hostile = false): void => {
    if (p.channel.startsWith('inbox:')) {
      const notice = parseInboxEvent(delivered(p, c.me, time, 'inbox'));
      if ('drop' in notice) throw new Error(`inbox notice dropped: ${notice.drop}`);
      // An acceptance reaches the offerer's background at once, ahead of the log's copy (arbiter.ts).
      if (notice.type === 'transfer.accepted') {
        const offerer = clients.find((client) => `inbox:${client.me.clientId}` === p.channel);
        if (offerer) offerer.relayed = notice;
      }
      return;
    }
    const id = p.id ?? `c${c.index}r${c.restarts}:${c.serial++}:0`;
    if (config.serverDedupe && usedIds.has(id)) return;
    usedIds.add(id);
    c.lastStamp = Math.max(c.lastStamp, time + (config.regionSkew[c.index] ?? 0));
    const message = delivered(p, c.me, c.lastStamp, id);
    const parsed = parseChatEvent(message);
    // What Baton's own commands publish must always parse; a hostile payload may be dropped by the parser.
    if ('drop' in parsed) {
      if (hostile) return;
      throw new Error(`dropped: ${parsed.drop} ${parsed.detail ?? ''}`);
    }
    const event = parsed;
    log.push(event);
    for (const client of clients) client.queue.push(event);
  };
  const run = (c: SimClient, plan: Plan): void => {
    if (plan.ok) for (const p of plan.publish) publish(c, p);
  };

  const act = (c: SimClient, param: number): void => {
    const now = clock(c);
    const s = c.state;
    const view = viewFor(s, c.me, { now });
    const others = clients.filter((o) => o.me.kind === 'agent' && o !== c).map((o) => o.me.clientId);
    if (c.me.kind === 'visitor') {
      if (param % 61 === 60) run(c, commands.planEnd(s, c.me, now, 'left'));
      else if (param % 4 === 0) run(c, commands.planTyping(s, c.me, now, true));
      else run(c, commands.planMessage(s, c.me, now, `v${c.counter++}`));
      return;
    }
    // Choose among what this agent's (possibly stale) view allows, so most runs have real transfers in them.
    const pending = view.pendingOffer;
    const options: (() => Plan)[] = [() => commands.planTyping(s, c.me, now, param % 2 === 0)];
    if (view.canClaim) options.push(() => commands.planClaim(s, c.me, now));
    if (view.canWrite) options.push(() => commands.planMessage(s, c.me, now, `${c.me.clientId}-${c.counter++}`));
    if (view.canWrite) options.push(() => commands.planMessage(s, c.me, now, `${c.me.clientId}-${c.counter++}`));
    if (view.canTransfer) {
      const to = pick(others, param >> 4) ?? 'nobody';
      const input = { to, note: `note ${param}`, transferId: `tr-${c.index}-${c.counter++}`, timeoutMs: 2_000 + (param % 7) * 3_000 };
      options.push(() => commands.planOffer(s, c.me, now, input));
    }
    if (pending !== null && view.canRespond) {
      options.push(() => commands.planAccept(s, c.me, now, pending.transferId));
      options.push(() => commands.planReject(s, c.me, now, pending.transferId, 'busy'));
    }
    if (pending !== null && view.canCancel) options.push(() => commands.planCancel(s, c.me, now, pending.transferId));
    if (view.canTakeOver && param % 4 === 0) {
      options.push(() => commands.planTakeover(s, c.me, now, param % 3 === 0 ? pick(others, param) : c.me.clientId));
    }
    if (view.myRole === 'owner') {
      options.push(() => (param % 2 === 0 ? commands.planLinkContact(s, c.me, now, `p${param % 5}`, null) : commands.planCreateRequest(s, c.me, now, `r${param % 5}`, null)));
    }
    if (view.canEnd && param % 29 === 28) options.push(() => commands.planEnd(s, c.me, now));
    const chosen = pick(options, param >> 1);
    if (chosen !== undefined) run(c, chosen());
  };

  /** A misbehaving client: publishes a control event without asking the fold first. */
  const rogue = (c: SimClient, param: number): void => {
    const r = c.state.register;
    const transferId = r.pending?.transferId ?? r.offers.at(-1)?.transferId ?? 'tr-none';
    const someone = pick(clients, param >> 3)?.me.clientId ?? 'agent-0';
    const bodies: readonly [string, Record<string, unknown>][] = [
      ['transfer.accepted', { transferId }],
      ['transfer.completed', { transferId, owner: someone, seq: r.seq + 1 }],
      ['takeover', { owner: c.me.clientId, seq: r.seq + (param % 2) }],
      ['transfer.offered', { transferId: `rogue-${c.counter++}`, to: someone, note: '', expiresAt: time + 5_000, seq: Math.max(1, r.seq - 1) }],
      ['transfer.expired', { transferId }],
      ['assigned', { owner: c.me.clientId, seq: 1 }],
      ['transfer.cancelled', { transferId }],
      ['transfer.rejected', { transferId, reason: null }],
    ];
    const [name, data] = bodies[param % bodies.length] ?? bodies[0] ?? ['claim', {}];
    publish(c, { channel: 'chat:sim', name, id: `rogue:${c.index}:${c.counter++}`, data }, true);
  };

  /** Runs `c`'s arbiter; like the real shell, it does not republish an id it has already sent. */
  const arbiter = (c: SimClient): number => {
    const decision = arbitrate(c.state, c.me, clock(c), null, c.relayed);
    let sent = 0;
    for (const p of decision.publish) {
      const key = p.id ?? '';
      if (c.sent.has(key)) continue;
      c.sent.add(key);
      publish(c, p);
      sent++;
    }
    return sent;
  };

  const deliverAll = (c: SimClient, shuffleSeed: number): void => {
    const batch = c.queue.splice(0);
    // History heals drops: Ably's history returns everything (here in a scrambled order).
    const history = log.slice();
    rotate(history, shuffleSeed);
    setState(c, foldEvents(foldEvents(c.state, batch.reverse()), history));
  };

  /** Delivers one queued event to `c` (chosen by `at`, so out of order), then lets its background arbitrate. */
  const deliverOne = (c: SimClient, at: number, arbitrateAfter: boolean): void => {
    const [event] = c.queue.splice(at % Math.max(1, c.queue.length), 1);
    if (event === undefined) return;
    setState(c, foldEvent(c.state, event));
    if (arbitrateAfter) arbiter(c);
  };

  const step = ({ kind, client, param, dt }: SimStep): void => {
    time += dt;
    // The network makes progress for everyone; a background sometimes lags before arbitrating (races).
    for (const other of clients) {
      for (let k = 0; k < dt % 4; k++) deliverOne(other, param >> k, (param >> (8 + other.index)) % 3 !== 0);
    }
    const c = clients[client % clients.length];
    if (c === undefined) return;
    switch (kind) {
      case 'act':
        return act(c, param);
      case 'arbitrate':
        arbiter(c);
        return;
      case 'rogue':
        return rogue(c, param);
      case 'deliver':
        for (let k = 0; k <= param % 8; k++) deliverOne(c, param >> k, true);
        return;
      case 'duplicate': {
        const event = pick(log, param);
        if (event !== undefined) setState(c, foldEvent(c.state, event));
        return;
      }
      case 'drop':
        if (c.queue.length > 0) c.queue.splice(param % c.queue.length, 1);
        return;
      case 'history':
        return deliverAll(c, param);
      case 'restart': {
        // The worker dies: either storage.session had the events, or the state is rebuilt from history alone.
        const persisted = param % 2 === 0 ? eventsOf(c.state) : [];
        c.restarts += 1;
        c.serial = 0;
        c.queue = [];
        c.sent = new Set();
        c.relayed = null;
        setState(c, foldEvents(createChat('sim'), persisted));
        return;
      }
      case 'time':
        time += 3_000 + (param % 25) * 1_000;
    }
  };

  const quiesce = (): void => {
    for (let round = 0; round < 20; round++) {
      clients.forEach((c, i) => deliverAll(c, round + i));
      time += 30_000;
      const published = clients.reduce((sum, c) => sum + arbiter(c), 0);
      if (published === 0) return;
    }
    throw new Error('arbiters never went quiet');
  };

  return { clients, log, now: () => time, step, quiesce };
}

function rotate<T>(items: T[], by: number): void {
  if (items.length === 0) return;
  const cut = by % items.length;
  items.push(...items.splice(0, cut));
  if (by % 2 === 1) items.reverse();
}
