import { describe, expect, it } from 'vitest';
import type { ChatEvent } from './events.ts';
import { createChat, eventsOf, foldEvent, foldEvents, logOf, transcriptOf } from './fold.ts';
import type { ChatState } from './fold.ts';
import { deliveryOrder, syntheticChat, timeIncrementalFold } from './fold-timing.ts';
import { agent, snapshot, visitor } from './test-harness.ts';

const V = visitor('v');
const ANA = agent('ana');
const msg = (timestamp: number, id: string, text = id, from = V): ChatEvent => ({
  type: 'message',
  id,
  timestamp,
  clientId: from.clientId,
  sender: from,
  text,
});
const foldAll = (events: readonly ChatEvent[], state: ChatState = createChat('c')): ChatState =>
  events.reduce(foldEvent, state);
const texts = (state: ChatState): string[] => transcriptOf(state).map((m) => m.text);

describe('foldEvent', () => {
  it('keeps the canonical order whatever the arrival order', () => {
    const a = msg(1, 'a');
    const b = msg(2, 'b');
    const c = msg(3, 'c');
    expect(texts(foldAll([c, a, b]))).toEqual(['a', 'b', 'c']);
    expect(snapshot(foldAll([c, a, b]))).toEqual(snapshot(foldAll([a, b, c])));
  });

  it('applies a duplicate once and returns the same state', () => {
    const once = foldAll([msg(1, 'a')]);
    expect(foldEvent(once, msg(1, 'a'))).toBe(once);
    expect(once.size).toBe(1);
  });

  it('keeps the earliest copy of one (clientId, id), whichever arrives first', () => {
    const early = msg(1, 'x', 'early');
    const late = msg(5, 'x', 'late');
    const between = msg(3, 'y');
    expect(texts(foldAll([late, between, early]))).toEqual(['early', 'y']);
    expect(texts(foldAll([early, between, late]))).toEqual(['early', 'y']);
    // Same timestamp, different content: the smaller serialisation, in either order.
    expect(texts(foldAll([msg(1, 'z', 'b'), msg(1, 'z', 'a')]))).toEqual(['a']);
    expect(texts(foldAll([msg(1, 'z', 'a'), msg(1, 'z', 'b')]))).toEqual(['a']);
  });

  it('treats the same id from two publishers as two events (a forged id shadows nothing)', () => {
    const both = foldAll([msg(1, 'same', 'visitor'), msg(1, 'same', 'agent', ANA)]);
    // Same timestamp and id: clientId decides ('ana' < 'v').
    expect(texts(both)).toEqual(['agent', 'visitor']);
  });

  it('never changes what an older state shows (states are persistent)', () => {
    const s1 = foldAll([msg(1, 'a'), msg(3, 'c')]);
    const before = snapshot(s1);
    const s2 = foldEvent(s1, msg(4, 'd'));
    const s3 = foldEvent(s1, msg(2, 'b'));
    const s4 = foldEvent(s1, msg(5, 'e'));
    const s5 = foldEvent(s2, msg(0, 'first'));
    expect(snapshot(s1)).toEqual(before);
    expect(texts(s2)).toEqual(['a', 'c', 'd']);
    expect(texts(s3)).toEqual(['a', 'b', 'c']);
    expect(texts(s4)).toEqual(['a', 'c', 'e']);
    expect(texts(s5)).toEqual(['first', 'a', 'c', 'd']);
    expect(texts(foldEvent(s4, msg(6, 'f')))).toEqual(['a', 'c', 'e', 'f']);
    expect(texts(foldEvent(s2, msg(6, 'f')))).toEqual(['a', 'c', 'd', 'f']);
  });

  it('keeps typing apart from the log, last signal per publisher wins in canonical order', () => {
    const on = { type: 'typing' as const, id: 't1', timestamp: 5, clientId: 'v', sender: V, typing: true };
    const off = { ...on, id: 't2', timestamp: 6, typing: false };
    const a = foldAll([on, off]);
    const b = foldAll([off, on]);
    expect(a.size).toBe(0);
    expect(a.typing.get('v')?.typing).toBe(false);
    expect(snapshot(a)).toEqual(snapshot(b));
  });

  it('refuses a state that was not made by the fold', () => {
    const copy = { ...createChat('c') };
    expect(() => foldEvent(copy, msg(1, 'a'))).toThrow(/unable to fold/);
  });
});

describe('foldEvents', () => {
  const events = syntheticChat(400);

  it('folds a batch, in any order, to the same state as one event at a time', () => {
    const expected = snapshot(foldAll(events));
    expect(snapshot(foldEvents(createChat('bench'), events.slice().reverse()))).toEqual(snapshot(foldAll(events, createChat('bench'))));
    expect(snapshot(foldAll(deliveryOrder(events, 0.3, 20), createChat('c')))).toEqual(expected);
  });

  it('merges a history page that sorts before live messages already folded', () => {
    const live = foldAll(events.slice(300), createChat('bench'));
    const merged = foldEvents(live, events.slice(0, 300));
    expect(snapshot(merged)).toEqual(snapshot(foldAll(events, createChat('bench'))));
    expect(foldEvents(merged, events)).toBe(merged);
  });

  it('restores from persisted events', () => {
    const state = foldAll(events, createChat('bench'));
    const restored = foldEvents(createChat('bench'), eventsOf(state));
    expect(logOf(restored)).toEqual(logOf(state));
    expect(restored.register).toEqual(state.register);
  });
});

describe('timeIncrementalFold', () => {
  it('reports timings and folds to the same state as a batch', () => {
    const events = syntheticChat(2_000);
    const timing = timeIncrementalFold(deliveryOrder(events, 0.05));
    expect(timing.events).toBe(2_000);
    expect(Number.isFinite(timing.p99Us)).toBe(true);
    expect(snapshot(timing.final)).toEqual(snapshot(foldEvents(createChat('bench'), events)));
  });
});
