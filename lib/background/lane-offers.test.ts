import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLaneOffers, type LanePort } from './lane-offers.ts';

function fakeLane(): LanePort & { closed: boolean } {
  return {
    closed: false,
    onmessage: null,
    postMessage: () => {},
    close() {
      this.closed = true;
    },
  };
}

describe('createLaneOffers', () => {
  afterEach(() => vi.useRealTimers());

  it('gives a claim the lane offered before it', async () => {
    const offers = createLaneOffers();
    const lane = fakeLane();
    offers.offer('nonce-0001', lane);
    expect(await offers.claim('nonce-0001')).toBe(lane);
    expect(offers.size()).toBe(0);
  });

  it('holds a claim until its offer comes, since the two travel apart', async () => {
    const offers = createLaneOffers();
    const lane = fakeLane();
    const claimed = offers.claim('nonce-0002');
    offers.offer('nonce-0002', lane);
    expect(await claimed).toBe(lane);
    expect(offers.size()).toBe(0);
  });

  it('answers a claim whose offer never comes with nothing, so the view stays on its port', async () => {
    vi.useFakeTimers();
    const offers = createLaneOffers();
    const claimed = offers.claim('nonce-0003');
    await vi.advanceTimersByTimeAsync(2_000);
    expect(await claimed).toBeUndefined();
    expect(offers.size()).toBe(0);
  });

  it('closes an offer nobody claims, and one whose nonce comes twice', async () => {
    vi.useFakeTimers();
    const offers = createLaneOffers();
    const forgotten = fakeLane();
    offers.offer('nonce-0004', forgotten);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(forgotten.closed).toBe(true);
    const first = fakeLane();
    const second = fakeLane();
    offers.offer('nonce-0005', first);
    offers.offer('nonce-0005', second);
    expect([first.closed, second.closed]).toEqual([true, true]);
    const claimed = offers.claim('nonce-0005');
    await vi.advanceTimersByTimeAsync(2_000);
    expect(await claimed).toBeUndefined();
  });

  it('gives one lane to one claim only', async () => {
    vi.useFakeTimers();
    const offers = createLaneOffers();
    const lane = fakeLane();
    offers.offer('nonce-0006', lane);
    const claims = Promise.all([offers.claim('nonce-0006'), offers.claim('nonce-0006')]);
    await vi.advanceTimersByTimeAsync(2_000);
    const [first, second] = await claims;
    expect([first, second].filter((claimed) => claimed === lane)).toHaveLength(1);
  });
});
