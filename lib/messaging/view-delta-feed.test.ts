import { describe, expect, it, vi } from 'vitest';
import type { SessionSnapshot } from '../session/session-snapshot.ts';
import { createViewFeed, createViewReceiver } from './view-delta-feed.ts';

// `version` stands for any change a view shows (here the offer timeout); `now` is the snapshot's own time stamp.
const session = (version: number, chats: SessionSnapshot['chats'] = [], now = version): SessionSnapshot => ({
  connection: { phase: 'connected', error: null, since: 1 },
  me: null,
  status: 'present',
  agents: [],
  lobby: [],
  chats,
  offerTimeoutMs: 60_000 + version,
  now,
});

describe('view feed and receiver', () => {
  it('a view that connects late gets the whole session, then the same numbered patches as the others', () => {
    const feed = createViewFeed();
    const early = createViewReceiver(vi.fn());
    expect(early.receive(feed.full(session(0)))).toEqual(session(0));
    const first = feed.publish(session(1))!;
    expect(early.receive(first)).toEqual(session(1));
    const late = createViewReceiver(vi.fn());
    expect(late.receive(feed.full(session(99)))).toEqual(session(1));
    const second = feed.publish(session(2))!;
    expect(second.seq).toBe(first.seq + 1);
    expect(early.receive(second)).toEqual(session(2));
    expect(late.receive(second)).toEqual(session(2));
  });

  it('nothing changed: nothing is posted and the numbering does not move', () => {
    const feed = createViewFeed();
    feed.full(session(1));
    expect(feed.publish(session(1))).toBeNull();
    expect(feed.publish(session(2))!.seq).toBe(1);
  });

  it('a snapshot whose only change is its time stamp is not posted; the stamp goes with the next change', () => {
    const feed = createViewFeed();
    const view = createViewReceiver(vi.fn());
    view.receive(feed.full(session(1, [], 100)));
    expect(feed.publish(session(1, [], 101))).toBeNull();
    expect(feed.publish(session(1, [], 102))).toBeNull();
    const next = feed.publish(session(2, [], 103))!;
    expect(next.seq).toBe(1);
    expect(view.receive(next)).toEqual(session(2, [], 103));
  });

  it('a missed patch asks for the whole session once and ignores patches until it arrives', () => {
    const feed = createViewFeed();
    const resync = vi.fn();
    const view = createViewReceiver(resync);
    view.receive(feed.full(session(0)));
    feed.publish(session(1)); // lost
    expect(view.receive(feed.publish(session(2))!)).toBeNull();
    expect(view.receive(feed.publish(session(3))!)).toBeNull();
    expect(resync).toHaveBeenCalledTimes(1);
    expect(view.receive(feed.full(session(0)))).toEqual(session(3));
    expect(view.receive(feed.publish(session(4))!)).toEqual(session(4));
  });

  it('a patch that does not apply is dropped with a reason and the session is asked for again', () => {
    const resync = vi.fn();
    const view = createViewReceiver(resync);
    view.receive({ type: 'session', seq: 0, snapshot: session(0) });
    expect(view.receive({ type: 'session-patch', seq: 1, patches: [{ op: 'chats', put: [], change: null as never, remove: [] }] })).toBeNull();
    expect(resync).toHaveBeenCalledWith(expect.stringMatching(/did not apply/));
  });
});
