// The fold's small pieces that mutation testing found unpinned (docs/testing.md): which copy of a message is kept,
// and merging two sorted runs of the log.
import { describe, expect, it } from 'vitest';
import type { LoggedEvent } from './events.ts';
import { mergeSorted, prefer } from './fold-support.ts';
import { agent } from './test-harness.ts';

const ANA = agent('ana');
const message = (id: string, timestamp: number, text = 'x'): LoggedEvent => ({ type: 'message', id, timestamp, clientId: 'ana', sender: ANA, text });

describe('prefer', () => {
  it('keeps the copy with the earlier timestamp, whatever its serialisation', () => {
    // 9 against 10: as text (the serialisation) "9" sorts after "1", so only the number comparison gets this right.
    expect(prefer(message('m', 9, 'zzzz'), message('m', 10, 'a'))).toBe(true);
    expect(prefer(message('m', 10, 'a'), message('m', 9, 'zzzz'))).toBe(false);
  });

  it('on equal timestamps keeps the smaller serialisation', () => {
    expect(prefer(message('m', 1, 'a'), message('m', 1, 'b'))).toBe(true);
    expect(prefer(message('m', 1, 'b'), message('m', 1, 'a'))).toBe(false);
  });
});

describe('mergeSorted', () => {
  it('interleaves two sorted runs in canonical order', () => {
    const [a, b, c, d] = [message('a', 1), message('b', 2), message('c', 3), message('d', 4)];
    expect(mergeSorted([a!, c!], [b!, d!]).map((e) => e.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(mergeSorted([b!, d!], [a!, c!]).map((e) => e.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(mergeSorted([], [a!])).toEqual([a]);
    expect(mergeSorted([a!], [])).toEqual([a]);
  });
});
