import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createKeyedTimers } from './keyed-timers.ts';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('createKeyedTimers', () => {
  it('keeps one timer per key: setting a key again replaces the pending one', () => {
    const timers = createKeyedTimers();
    const ran: string[] = [];
    timers.set('chat-1', 1_000, () => ran.push('first'));
    timers.set('chat-1', 2_000, () => ran.push('second'));
    timers.set('chat-2', 500, () => ran.push('other'));
    expect(vi.getTimerCount()).toBe(2);
    vi.advanceTimersByTime(2_000);
    expect(ran).toEqual(['other', 'second']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('clears one key, or every key, so nothing is left to keep a process alive', () => {
    const timers = createKeyedTimers();
    const ran: string[] = [];
    timers.set('chat-1', 1_000, () => ran.push('1'));
    timers.set('chat-2', 1_000, () => ran.push('2'));
    timers.set('chat-3', 1_000, () => ran.push('3'));
    timers.clear('chat-2');
    vi.advanceTimersByTime(500);
    timers.clearAll();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(1_000);
    expect(ran).toEqual([]);
  });

  it('runs a timer whose delay is already past at once, on the next turn', () => {
    const timers = createKeyedTimers();
    const run = vi.fn();
    timers.set('chat-1', -50, run);
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(0);
    expect(run).toHaveBeenCalledOnce();
  });
});
