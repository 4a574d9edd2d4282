import { afterEach, describe, expect, it, vi } from 'vitest';
import { listenForLanes, type WorkerScope } from './service-worker-lanes.ts';

/** A service worker scope the test drives: `post` fires its `message` event as a client's postMessage would. */
function fakeScope(origin = 'chrome-extension://baton') {
  let listener: ((event: MessageEvent) => void) | undefined;
  const scope: WorkerScope = { location: { origin }, addEventListener: (_type, added) => void (listener = added) };
  const post = (data: unknown, ports: MessagePort[], from = origin) => listener?.({ data, ports, origin: from } as unknown as MessageEvent);
  return { scope, post };
}

function lane() {
  const channel = new MessageChannel();
  const closed = vi.spyOn(channel.port2, 'close');
  return { port: channel.port2, closed, other: channel.port1 };
}

describe('listenForLanes', () => {
  afterEach(() => vi.useRealTimers());

  it('is nothing outside a service worker (Firefox: views keep their ports)', () => {
    expect(listenForLanes(() => {}, undefined)).toBeUndefined();
  });

  it("keeps a lane offered by one of Baton's pages for its claim, and closes extra ports", async () => {
    const { scope, post } = fakeScope();
    const listening = listenForLanes(() => {}, scope)!;
    const offered = lane();
    const extra = lane();
    post({ type: 'baton:lane-offer', nonce: 'view-lane-0001' }, [offered.port, extra.port]);
    expect(await listening.lanes.claim('view-lane-0001')).toBe(offered.port);
    expect(extra.closed).toHaveBeenCalled();
    offered.other.close();
  });

  it('drops, counts and closes an offer from another origin or of the wrong shape', async () => {
    vi.useFakeTimers();
    const drops: string[] = [];
    const { scope, post } = fakeScope();
    const listening = listenForLanes((reason) => drops.push(reason), scope)!;
    const foreign = lane();
    const malformed = lane();
    post({ type: 'baton:lane-offer', nonce: 'view-lane-0002' }, [foreign.port], 'https://crm.example.com');
    post({ type: 'baton:lane-offer', nonce: '<script>' }, [malformed.port]);
    post({ type: 'baton:lane-offer', nonce: 'view-lane-0003' }, []);
    expect(drops).toHaveLength(3);
    expect(foreign.closed).toHaveBeenCalled();
    expect(malformed.closed).toHaveBeenCalled();
    const claimed = listening.lanes.claim('view-lane-0002');
    await vi.advanceTimersByTimeAsync(2_000);
    expect(await claimed).toBeUndefined();
  });

  it('tells Chrome the worker is busy at most every 10 s while lanes carry traffic', async () => {
    vi.useFakeTimers();
    const keepAlive = vi.fn(async () => undefined);
    const listening = listenForLanes(() => {}, fakeScope().scope, keepAlive)!;
    listening.onLaneActivity();
    listening.onLaneActivity();
    expect(keepAlive).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(10_000);
    listening.onLaneActivity();
    expect(keepAlive).toHaveBeenCalledTimes(2);
  });
});
