import { describe, expect, it, vi } from 'vitest';
import type { LocalChatFlags } from '../session/session-snapshot.ts';
import { arbiterAlarms, followedChatsWriter } from './worker-writes.ts';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const flags: LocalChatFlags = { watching: false, closed: false, readMarker: null };

describe('followedChatsWriter', () => {
  it('writes the followed chats when they change, not when a change repeats them, and again after a failed write', async () => {
    const write = vi.fn(async (_chats: Record<string, LocalChatFlags>) => {});
    const persist = followedChatsWriter(write);
    persist({ c1: flags });
    persist({ c1: flags });
    persist({ c1: flags, c2: flags });
    await settle();
    expect(write).toHaveBeenCalledTimes(2);

    write.mockRejectedValueOnce(new Error('storage is full'));
    persist({ c2: flags });
    await settle();
    persist({ c2: flags });
    await settle();
    expect(write.mock.calls.map(([chats]) => Object.keys(chats))).toEqual([['c1'], ['c1', 'c2'], ['c2'], ['c2']]);
  });
});

describe('arbiterAlarms', () => {
  it('sets a chat’s alarm when its time changes, and skips the same time while it is ahead', () => {
    const now = 1_000_000;
    const create = vi.fn((_name: string, _when: number) => Promise.resolve());
    const wake = arbiterAlarms(create, () => now);
    wake('c1', now + 60_000);
    wake('c1', now + 60_000);
    wake('c2', now + 60_000);
    wake('c1', now + 30_000);
    expect(create.mock.calls).toEqual([
      ['arbiter:c1', 1_060_000],
      ['arbiter:c2', 1_060_000],
      ['arbiter:c1', 1_030_000],
    ]);
  });

  it('sets the same time again once it has passed (the alarm fired and is gone), never sooner than 1 s away', () => {
    let now = 1_000_000;
    const create = vi.fn((_name: string, _when: number) => Promise.resolve());
    const wake = arbiterAlarms(create, () => now);
    wake('c1', now + 500);
    now += 2_000;
    wake('c1', 1_000_500);
    expect(create.mock.calls).toEqual([
      ['arbiter:c1', 1_001_000],
      ['arbiter:c1', 1_003_000],
    ]);
  });

  it('sets it again after a call that failed', async () => {
    const create = vi.fn((_name: string, _when: number) => Promise.resolve());
    create.mockRejectedValueOnce(new Error('too many alarms'));
    const wake = arbiterAlarms(create, () => 0);
    wake('c1', 60_000);
    await settle();
    wake('c1', 60_000);
    expect(create).toHaveBeenCalledTimes(2);
  });
});
