// The fold's rules about copies and order that mutation testing found unpinned (docs/testing.md): two copies of one
// message (same publisher and id, e.g. a history page overlapping live delivery) keep the same one on every client,
// whichever arrives first, alone or in a batch; typing keeps the latest signal.
import { describe, expect, it } from 'vitest';
import type { ChatEvent } from './events.ts';
import { createChat, eventsOf, foldEvent, foldEvents, logOf, transcriptOf } from './fold.ts';
import { agent, visitor } from './test-harness.ts';

const V = visitor('v');
const ANA = agent('ana');
const line = (id: string, timestamp: number, text = id): ChatEvent => ({ type: 'message', id, timestamp, clientId: 'v', sender: V, text });
const typing = (timestamp: number, on: boolean, id = `t${timestamp}`): ChatEvent => ({ type: 'typing', id, timestamp, clientId: 'ana', sender: ANA, typing: on });

const texts = (events: readonly ChatEvent[]) => transcriptOf(foldEvents(createChat('c'), events)).map((m) => `${m.text}@${m.timestamp}`);

describe('copies of one message', () => {
  it('in one batch, the copy with the earlier timestamp is kept whatever the order', () => {
    expect(texts([line('m', 20, 'late'), line('m', 10, 'early')])).toEqual(['early@10']);
    expect(texts([line('m', 10, 'early'), line('m', 20, 'late')])).toEqual(['early@10']);
  });

  it('one at a time, a later copy does not replace the kept one; an earlier one does', () => {
    let state = foldEvent(createChat('c'), line('m', 10, 'early'));
    state = foldEvent(state, line('n', 15));
    state = foldEvent(state, line('m', 20, 'late'));
    expect(transcriptOf(state).map((m) => m.text)).toEqual(['early', 'n']);
    let other = foldEvent(createChat('c'), line('m', 20, 'late'));
    other = foldEvent(other, line('n', 15));
    other = foldEvent(other, line('m', 10, 'early'));
    expect(transcriptOf(other).map((m) => m.text)).toEqual(['early', 'n']);
    expect(eventsOf(other)).toEqual(eventsOf(state));
  });

  it('an identical copy changes nothing, and the state is the same object', () => {
    const state = foldEvents(createChat('c'), [line('a', 1), line('b', 2)]);
    expect(foldEvent(state, line('a', 1))).toBe(state);
    expect(foldEvents(state, [])).toBe(state);
  });
});

describe('order', () => {
  it('an event that sorts before the end re-folds from its place', () => {
    const state = foldEvents(createChat('c'), [line('a', 1), line('c', 3)]);
    const next = foldEvent(state, line('b', 2));
    expect(transcriptOf(next).map((m) => m.id)).toEqual(['a', 'b', 'c']);
    expect(logOf(next)).toHaveLength(3);
    // The older state still reads its own log.
    expect(transcriptOf(state).map((m) => m.id)).toEqual(['a', 'c']);
  });
});

describe('typing', () => {
  it('keeps the latest signal per publisher; an older one arriving late is ignored', () => {
    let state = foldEvent(createChat('c'), typing(10, true));
    state = foldEvent(state, typing(5, false));
    expect(state.typing.get('ana')).toMatchObject({ typing: true, timestamp: 10 });
    const same = foldEvent(state, typing(10, true));
    expect(same).toBe(state);
    state = foldEvent(state, typing(11, false));
    expect(state.typing.get('ana')).toMatchObject({ typing: false, timestamp: 11, authorKind: 'agent' });
  });

  it('typing in a batch is kept apart from the log', () => {
    const state = foldEvents(createChat('c'), [typing(10, true), line('a', 11)]);
    expect(state.typing.get('ana')?.typing).toBe(true);
    expect(logOf(state).map((entry) => entry.event.type)).toEqual(['message']);
  });
});
