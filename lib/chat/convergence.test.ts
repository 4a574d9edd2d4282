// Property tests: random histories of 2–6 agents and a visitor (simulation.ts), each client receiving its own order
// with duplicates, drops-then-replays and restarts. BATON_PROPERTY_RUNS raises the run count (default 200);
// BATON_PROPERTY_SEED replays a failure (fast-check prints the seed and path).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ChatEvent } from './events.ts';
import { createChat, foldEvent, foldEvents, logOf, transcriptOf } from './fold.ts';
import type { ChatState } from './fold.ts';
import { isTerminal } from './register.ts';
import type { Register } from './register.ts';
import { createSimulation } from './simulation.ts';
import type { SimConfig, SimStep, StepKind } from './simulation.ts';
import { snapshot } from './test-harness.ts';
import { viewFor } from './view.ts';

const RUNS = Number(process.env.BATON_PROPERTY_RUNS ?? 200);
const SEED = process.env.BATON_PROPERTY_SEED === undefined ? undefined : Number(process.env.BATON_PROPERTY_SEED);
const params = { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }) };
// Generous per-test time so a large BATON_PROPERTY_RUNS does not hit vitest's default 5 s.
const TIMEOUT = Math.max(30_000, RUNS * 60);

const weighted: [StepKind, number][] = [
  ['act', 10], ['deliver', 8], ['arbitrate', 4], ['duplicate', 2], ['drop', 2], ['history', 1], ['restart', 1], ['time', 1], ['rogue', 1],
];
const stepArb: fc.Arbitrary<SimStep> = fc.record({
  kind: fc.oneof(...weighted.map(([kind, weight]) => ({ arbitrary: fc.constant(kind), weight }))),
  client: fc.nat(41),
  param: fc.nat(1 << 16),
  dt: fc.integer({ min: 0, max: 40 }),
});
const configArb: fc.Arbitrary<SimConfig> = fc.record({
  agents: fc.integer({ min: 2, max: 6 }),
  managerMask: fc.nat(63),
  regionSkew: fc.array(fc.integer({ min: -30, max: 30 }), { minLength: 7, maxLength: 7 }),
  clockSkew: fc.array(fc.integer({ min: -3_000, max: 3_000 }), { minLength: 7, maxLength: 7 }),
  serverDedupe: fc.boolean(),
  steps: fc.array(stepArb, { minLength: 40, maxLength: 200, size: 'max' }),
});

/** Invariants that hold in every state any client ever holds, converged or not. */
function checkRegister(r: Register): void {
  // One owner: the register is the last write of a gap-free chain of (owner, seq) writes.
  r.ownership.forEach((change, i) => {
    expect(change.seq).toBe(i + 1);
    expect(change.previous).toBe(r.ownership[i - 1]?.owner ?? null);
  });
  expect(r.seq).toBe(r.ownership.length);
  expect(r.owner).toBe(r.ownership.at(-1)?.owner ?? null);
  // One pending offer at most, and it is the only offer not yet terminal.
  const open = r.offers.filter((o) => !isTerminal(o.status));
  expect(open.length).toBeLessThanOrEqual(1);
  expect(r.pending ?? undefined).toEqual(open[0]);
}

/**
 * Never two owners: every applied register write names the seq it produced, so two writers that both saw seq n
 * (a takeover racing a completion, two widget decisions) cannot both be applied.
 */
function checkWrites(state: ChatState): void {
  const writes = logOf(state).flatMap(({ event, outcome }) =>
    outcome.applied && (event.type === 'assigned' || event.type === 'takeover' || event.type === 'transfer.completed') ? [event] : [],
  );
  expect(writes.map((w) => w.seq)).toEqual(state.register.ownership.map((change) => change.seq));
  expect(writes.map((w) => w.owner)).toEqual(state.register.ownership.map((change) => change.owner));
}

/** Owner at each message's place, recomputed independently from the applied ownership writes in the log. */
function checkReplies(state: ChatState): void {
  let owner: string | null = null;
  const expected: boolean[] = [];
  for (const { event, outcome } of logOf(state)) {
    if (!outcome.applied) continue;
    if (event.type === 'assigned' || event.type === 'takeover' || event.type === 'transfer.completed') owner = event.owner;
    if (event.type === 'message') expected.push(event.sender.kind === 'agent' && event.clientId === owner);
  }
  expect(transcriptOf(state).map((m) => m.countsAsReply)).toEqual(expected);
}

/** Each author's lines appear in the order they published them (first copy of each, as Ably accepted them). */
function checkPublishOrder(state: ChatState, log: readonly ChatEvent[]): void {
  const shown = new Set(transcriptOf(state).map((m) => `${m.clientId}\u0000${m.id}`));
  const published = new Map<string, string[]>();
  const seen = new Set<string>();
  for (const event of log) {
    const key = `${event.clientId}\u0000${event.id}`;
    if (event.type !== 'message' || seen.has(key) || !shown.has(key)) continue;
    seen.add(key);
    published.set(event.clientId, [...(published.get(event.clientId) ?? []), event.id]);
  }
  for (const [author, ids] of published) {
    expect(transcriptOf(state).filter((m) => m.clientId === author).map((m) => m.id)).toEqual(ids);
  }
}

/** Every offer ended in exactly one terminal state, caused by exactly one applied event. */
function checkOffersEnded(state: ChatState): void {
  const r = state.register;
  expect(r.pending).toBeNull();
  const applied = logOf(state).filter((e) => e.outcome.applied).map((e) => e.event);
  for (const offer of r.offers) {
    expect(isTerminal(offer.status)).toBe(true);
    const enders = applied.filter(
      (e) =>
        (e.type === 'transfer.completed' || e.type === 'transfer.rejected' || e.type === 'transfer.cancelled' || e.type === 'transfer.expired') &&
        e.transferId === offer.transferId,
    );
    if (offer.status === 'superseded') expect(enders).toEqual([]);
    else expect(enders.map((e) => e.type)).toEqual([`transfer.${offer.status}`]);
    // Each answer came from the one entitled to give it.
    for (const e of applied) {
      if (!('transferId' in e) || e.transferId !== offer.transferId) continue;
      if (e.type === 'transfer.accepted' || e.type === 'transfer.rejected') expect(e.clientId).toBe(offer.to);
      if (e.type === 'transfer.completed') expect([e.clientId, e.owner]).toEqual([offer.from, offer.to]);
      if (e.type === 'transfer.cancelled' && e.clientId !== offer.from) expect(e.sender.manager).toBe(true);
    }
  }
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = items.slice();
  let s = seed >>> 0;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe('convergence under reordering, duplicates, drops, restarts and races', () => {
  it('all clients converge on one owner, ended offers, identical transcripts in per-author order', () => {
    fc.assert(
      fc.property(configArb, fc.nat(), (config, seed) => {
        const sim = createSimulation(config, (client) => checkRegister(client.state.register));
        for (const step of config.steps) sim.step(step);
        sim.quiesce();

        const [first, ...rest] = sim.clients;
        if (first === undefined) throw new Error('no clients');
        const reference = snapshot(first.state);
        for (const client of rest) expect(snapshot(client.state)).toEqual(reference);
        // The same as one batch from scratch, and as any delivery order of the log with every event twice.
        expect(snapshot(foldEvents(createChat('sim'), sim.log))).toEqual(reference);
        const doubled = shuffled([...sim.log, ...sim.log], seed);
        expect(snapshot(doubled.reduce(foldEvent, createChat('sim')))).toEqual(reference);

        const state = first.state;
        checkRegister(state.register);
        checkOffersEnded(state);
        checkWrites(state);
        checkReplies(state);
        checkPublishOrder(state, sim.log);
        const views = sim.clients.map((c) => viewFor(c.state, c.me, { now: sim.now() }));
        expect(views.filter((v) => v.myRole === 'owner').length).toBeLessThanOrEqual(1);
        expect(views.filter((v) => v.canWrite && v.myRole === 'owner').length).toBeLessThanOrEqual(1);
      }),
      params,
    );
  }, TIMEOUT);

  it('produces real traffic: transfers complete, races are rejected, offers end every way', () => {
    // Guards the generator: a simulation that never transfers would prove nothing.
    const outcomes = new Set<string>();
    const rejections = new Set<string>();
    fc.assert(
      fc.property(configArb, (config) => {
        const sim = createSimulation(config);
        for (const step of config.steps) sim.step(step);
        sim.quiesce();
        const state = sim.clients[0]?.state;
        if (state === undefined) return;
        for (const offer of state.register.offers) outcomes.add(offer.status);
        for (const { outcome } of logOf(state)) if (!outcome.applied) rejections.add(outcome.reason);
      }),
      { numRuns: Math.max(100, Math.floor(RUNS / 2)), seed: 42 },
    );
    expect([...outcomes].sort()).toEqual(['cancelled', 'completed', 'expired', 'rejected', 'superseded']);
    for (const reason of ['stale-seq', 'not-owner', 'offer-not-pending', 'not-manager', 'not-offered-to-you']) {
      expect(rejections).toContain(reason);
    }
  }, TIMEOUT);
});
