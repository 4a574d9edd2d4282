// For `npm run bench`: a realistic synthetic chat and a timer for folding it one event at a time, as a background
// does live. Architecture §5 wants numbers reported, never asserted in a timed unit test.
import { controlId } from './control-ids.ts';
import type { ChatEvent } from './events.ts';
import { createChat, foldEvent } from './fold.ts';
import type { ChatState } from './fold.ts';
import type { Principal } from './roles.ts';

export interface FoldTiming {
  readonly events: number;
  readonly totalMs: number;
  /** Microseconds per incremental foldEvent call. */
  readonly meanUs: number;
  readonly p50Us: number;
  readonly p99Us: number;
  readonly maxUs: number;
  readonly final: ChatState;
}

/** Small deterministic PRNG (mulberry32) so every run folds the same chat. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const agent = (n: number): Principal => ({ clientId: `agent-${n}`, kind: 'agent', manager: false, listener: false });

/**
 * `count` events of one long chat: a claim and assignment, then visitor and owner messages with typing, and a
 * transfer (offer → accept → completion) about every 200 events, passing the chat around `agents` agents.
 */
export function syntheticChat(count: number, agents = 4, seed = 1): ChatEvent[] {
  const rnd = random(seed);
  const visitor: Principal = { clientId: 'visitor-1', kind: 'visitor', manager: false, listener: false };
  const events: ChatEvent[] = [];
  let t = 1_700_000_000_000;
  let serial = 0;
  let owner = 0;
  let seq = 1;
  const at = (who: Principal, id: string) => ({ id, timestamp: (t += 1 + Math.floor(rnd() * 3)), clientId: who.clientId, sender: who });
  const first = agent(0);
  events.push({ type: 'claim', ...at(first, controlId('bench', 'claim', first)) });
  events.push({ type: 'assigned', ...at(visitor, controlId('bench', 'assigned', visitor)), owner: first.clientId, seq: 1, claimId: null });
  while (events.length < count) {
    const roll = rnd();
    const ownerP = agent(owner);
    if (roll < 0.005) {
      const next = (owner + 1) % agents;
      const to = agent(next);
      const transferId = `t${events.length}`;
      events.push({ type: 'transfer.offered', ...at(ownerP, controlId(transferId, 'offered', ownerP)), transferId, to: to.clientId, note: 'over to you', expiresAt: t + 60_000, seq });
      events.push({ type: 'transfer.accepted', ...at(to, controlId(transferId, 'accepted', to)), transferId });
      seq += 1;
      events.push({ type: 'transfer.completed', ...at(ownerP, controlId(transferId, 'completed', ownerP)), transferId, owner: to.clientId, seq });
      owner = next;
    } else if (roll < 0.1) {
      const who = rnd() < 0.5 ? visitor : ownerP;
      events.push({ type: 'typing', ...at(who, `typing-${serial++}`), typing: true });
    } else {
      const who = rnd() < 0.5 ? visitor : ownerP;
      events.push({ type: 'message', ...at(who, `${who.clientId}:${serial++}:0`), text: `message ${serial} from ${who.clientId}` });
    }
  }
  return events.slice(0, count);
}

/**
 * Delivery order for the bench: in order, except that with probability `lateShare` an event arrives up to `window`
 * places late (cross-region reordering), which makes the fold re-fold from the late event's place.
 */
export function deliveryOrder(events: readonly ChatEvent[], lateShare = 0, window = 5, seed = 2): ChatEvent[] {
  const rnd = random(seed);
  const out = events.slice();
  for (let i = 0; i < out.length; i++) {
    if (rnd() >= lateShare) continue;
    const j = Math.min(out.length - 1, i + 1 + Math.floor(rnd() * window));
    const [late] = out.splice(i, 1);
    if (late !== undefined) out.splice(j, 0, late);
  }
  return out;
}

export function timeIncrementalFold(events: readonly ChatEvent[], clock: () => number = () => performance.now()): FoldTiming {
  const samples = new Float64Array(events.length);
  let state = createChat('bench');
  const start = clock();
  for (let i = 0; i < events.length; i++) {
    const event = events[i];
    if (event === undefined) continue;
    const before = clock();
    state = foldEvent(state, event);
    samples[i] = (clock() - before) * 1000;
  }
  const totalMs = clock() - start;
  const sorted = samples.slice().sort();
  const pick = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return {
    events: events.length,
    totalMs,
    meanUs: events.length === 0 ? 0 : (totalMs * 1000) / events.length,
    p50Us: pick(0.5),
    p99Us: pick(0.99),
    maxUs: sorted[sorted.length - 1] ?? 0,
    final: state,
  };
}
