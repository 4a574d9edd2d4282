// The fold: (state, event) → state for one chat. Events are kept in the canonical order (canonical-order.ts), each
// identified by (clientId, id), and the register is folded over them in that order, so any delivery order, with
// duplicates, drops-then-replays or restarts, ends in the same state once the same events have been seen.
//
// Cost: an event that sorts last (the usual case) is applied in O(1) amortised; one that sorts earlier re-folds from
// its place. States are immutable to their users. Internally, consecutive states share append-only arrays: a state
// sees only its first `size` entries, and appending in place is allowed only from the state at the arrays' end, so
// older states keep reading exactly what they saw (a copy is made otherwise).
import { comparePositions, upperBound } from './canonical-order.ts';
import type { ChatEvent, LoggedEvent, TypingEvent } from './events.ts';
import { keyOf, mergeSorted, prefer, transcriptEntry, typingMark } from './fold-support.ts';
import type { TranscriptEntry, TypingMark } from './fold-support.ts';
import { EMPTY_REGISTER } from './register.ts';
import type { Register } from './register.ts';
import { applyEvent } from './transitions.ts';
import type { Outcome } from './transitions.ts';

export interface LogEntry {
  readonly event: LoggedEvent;
  readonly outcome: Outcome;
}

export interface ChatState {
  readonly chatId: string;
  readonly register: Register;
  /** Number of distinct events in the log. */
  readonly size: number;
  readonly transcriptSize: number;
  /** Last typing signal per publisher, by canonical order (last-writer-wins, so order-independent). */
  readonly typing: ReadonlyMap<string, TypingMark>;
}

interface StoredEntry extends LogEntry {
  readonly after: Register;
  readonly messagesAfter: number;
}

interface Store {
  readonly entries: StoredEntry[];
  readonly messages: TranscriptEntry[];
  /** `${clientId}\u0000${id}` → timestamp of the kept copy; null when handed to a newer store (rebuilt on demand). */
  index: Map<string, number> | null;
}

const stores = new WeakMap<ChatState, Store>();

export function createChat(chatId: string): ChatState {
  return makeState(chatId, { entries: [], messages: [], index: new Map() }, 0, new Map());
}

export function foldEvent(state: ChatState, event: ChatEvent): ChatState {
  return event.type === 'typing' ? foldTyping(state, event) : foldEvents(state, [event]);
}

/** Folds a batch (a history page, a replay after restart) with at most one re-fold, wherever the events sort. */
export function foldEvents(state: ChatState, events: Iterable<ChatEvent>): ChatState {
  let current = state;
  const fresh = new Map<string, LoggedEvent>();
  for (const event of events) {
    if (event.type === 'typing') current = foldTyping(current, event);
    else {
      const key = keyOf(event);
      const seen = fresh.get(key);
      if (seen === undefined || prefer(event, seen)) fresh.set(key, event);
    }
  }
  if (fresh.size === 0) return current;
  const store = storeOf(current);
  const index = indexOf(store, current.size);
  const replaced = new Set<number>();
  const incoming: LoggedEvent[] = [];
  for (const [key, event] of fresh) {
    const known = index.get(key);
    if (known === undefined) {
      incoming.push(event);
      continue;
    }
    const at = upperBound(store.entries, current.size, { ...event, timestamp: known }, positionOfEntry) - 1;
    const existing = store.entries[at];
    if (existing !== undefined && keyOf(existing.event) === key && prefer(event, existing.event)) {
      replaced.add(at);
      incoming.push(event);
    }
  }
  incoming.sort(comparePositions);
  const first = incoming[0];
  if (first === undefined) return current;
  const atEnd = store.entries.length === current.size;
  const last = store.entries[current.size - 1];
  if (atEnd && replaced.size === 0 && (last === undefined || comparePositions(first, last.event) > 0)) {
    return append(current, store, index, incoming);
  }
  return refold(current, store, index, incoming, replaced);
}

function storeOf(state: ChatState): Store {
  const store = stores.get(state);
  // A ChatState only comes from createChat/fold*; a spread copy has no log to fold onto.
  if (store === undefined) throw new Error('unable to fold; this ChatState was not made by createChat or foldEvent');
  return store;
}

function append(state: ChatState, store: Store, index: Map<string, number>, events: readonly LoggedEvent[]): ChatState {
  let register = state.register;
  for (const event of events) {
    register = applyOne(store, register, event);
    index.set(keyOf(event), event.timestamp);
  }
  store.index = index;
  return makeState(state.chatId, store, store.entries.length, state.typing);
}

/** Re-folds from the first place that changed, into fresh arrays (older states keep reading the old ones). */
function refold(
  state: ChatState,
  store: Store,
  index: Map<string, number>,
  incoming: readonly LoggedEvent[],
  replaced: ReadonlySet<number>,
): ChatState {
  let from = incoming[0] === undefined ? state.size : upperBound(store.entries, state.size, incoming[0], positionOfEntry);
  for (const at of replaced) from = Math.min(from, at);
  const kept: LoggedEvent[] = [];
  for (let i = from; i < state.size; i++) {
    const entry = store.entries[i];
    if (entry === undefined) continue;
    if (replaced.has(i)) index.delete(keyOf(entry.event));
    else kept.push(entry.event);
  }
  const prefix = store.entries.slice(0, from);
  const previous = prefix[prefix.length - 1];
  const next: Store = { entries: prefix, messages: store.messages.slice(0, previous?.messagesAfter ?? 0), index };
  // The index now belongs to the new store; the old one rebuilds its own if a fork ever folds onto it.
  if (store.index === index) store.index = null;
  let register = previous?.after ?? EMPTY_REGISTER;
  for (const event of mergeSorted(kept, incoming)) {
    register = applyOne(next, register, event);
    index.set(keyOf(event), event.timestamp);
  }
  return makeState(state.chatId, next, next.entries.length, state.typing);
}

function applyOne(store: Store, register: Register, event: LoggedEvent): Register {
  const step = applyEvent(register, event);
  if (event.type === 'message' && step.outcome.applied) store.messages.push(transcriptEntry(event, register));
  store.entries.push({ event, outcome: step.outcome, after: step.register, messagesAfter: store.messages.length });
  return step.register;
}

function foldTyping(state: ChatState, event: TypingEvent): ChatState {
  const previous = state.typing.get(event.clientId);
  if (previous !== undefined && comparePositions(previous, event) >= 0) return state;
  const typing = new Map(state.typing);
  typing.set(event.clientId, typingMark(event));
  return makeState(state.chatId, storeOf(state), state.size, typing);
}

function makeState(chatId: string, store: Store, size: number, typing: ReadonlyMap<string, TypingMark>): ChatState {
  const last = store.entries[size - 1];
  const state: ChatState = Object.freeze({
    chatId,
    register: last?.after ?? EMPTY_REGISTER,
    size,
    transcriptSize: last?.messagesAfter ?? 0,
    typing,
  });
  stores.set(state, store);
  return state;
}

/** The store's index, valid for a state at the arrays' end; rebuilt for a fork or after a hand-over. */
function indexOf(store: Store, size: number): Map<string, number> {
  if (store.index !== null && store.entries.length === size) return store.index;
  const index = new Map<string, number>();
  for (let i = 0; i < size; i++) {
    const entry = store.entries[i];
    if (entry !== undefined) index.set(keyOf(entry.event), entry.event.timestamp);
  }
  return index;
}

function positionOfEntry(entry: StoredEntry): LoggedEvent {
  return entry.event;
}

/** The log in canonical order with each event's outcome (applied, or rejected with a reason). */
export function logOf(state: ChatState): readonly LogEntry[] {
  return storeOf(state).entries.slice(0, state.size).map(({ event, outcome }) => ({ event, outcome }));
}

/** The events to persist for a restart: fold them into createChat(chatId) to get this state back. */
export function eventsOf(state: ChatState): readonly LoggedEvent[] {
  return storeOf(state).entries.slice(0, state.size).map((entry) => entry.event);
}

/**
 * How the log took an event (by publisher and id): its outcome, or undefined while the log does not have it. Read
 * from the end, where my own just-published event lands (lib/chat/predict.ts drops a prediction once it is here).
 */
export function outcomeOf(state: ChatState, position: Pick<LoggedEvent, 'clientId' | 'id'>): Outcome | undefined {
  const { entries } = storeOf(state);
  for (let i = state.size - 1; i >= 0; i--) {
    const event = entries[i]?.event;
    if (event !== undefined && event.id === position.id && event.clientId === position.clientId) return entries[i]!.outcome;
  }
  return undefined;
}

const transcripts = new WeakMap<ChatState, readonly TranscriptEntry[]>();

/** The chat's messages in canonical order (memoised per state). */
export function transcriptOf(state: ChatState): readonly TranscriptEntry[] {
  let transcript = transcripts.get(state);
  if (transcript === undefined) {
    transcript = Object.freeze(storeOf(state).messages.slice(0, state.transcriptSize));
    transcripts.set(state, transcript);
  }
  return transcript;
}
