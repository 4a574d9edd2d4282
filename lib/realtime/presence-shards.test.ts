import { describe, expect, it } from 'vitest';
import { LEGACY_LAYOUT, SHARDS_CLAIM, agentsChannelOf, allLobbyChannels, lobbyChannelOf, parsePresenceLayout, shardCountFor, shardOf, stableHash } from './presence-shards.ts';

describe('presence shards', () => {
  it('sizes shards for about 100 members, one for a small team', () => {
    expect([1, 50, 100, 101, 500, 2_000].map(shardCountFor)).toEqual([1, 1, 1, 2, 5, 20]);
    expect(shardCountFor(1_000_000)).toBe(100);
  });

  it('hashes stably (FNV-1a), so every client and the token service pick the same shard', () => {
    expect(stableHash('')).toBe(0x811c9dc5);
    expect(stableHash('a')).toBe(0xe40c292c);
    expect(shardOf('alice', 7)).toBe(shardOf('alice', 7));
  });

  it('keeps every shard of 2,000 agents, or 2,000 chats, under Ably’s 200 members', () => {
    const shards = shardCountFor(2_000);
    for (const ids of [Array.from({ length: 2_000 }, (_, i) => `agent-${i}`), Array.from({ length: 2_000 }, () => Math.random().toString(36).slice(2, 11))]) {
      const sizes = new Array<number>(shards).fill(0);
      for (const id of ids) sizes[shardOf(id, shards)]! += 1;
      expect(Math.max(...sizes)).toBeLessThan(160);
    }
  });

  it('names the channels of the layout, and the previous version’s single channels without one', () => {
    expect(agentsChannelOf(LEGACY_LAYOUT, 'alice')).toBe('agents');
    expect(lobbyChannelOf(LEGACY_LAYOUT, 'chat1')).toBe('lobby');
    expect(agentsChannelOf({ shards: 20 }, 'alice')).toBe(`agents:${shardOf('alice', 20)}`);
    expect(allLobbyChannels({ shards: 3 })).toEqual(['lobby:0', 'lobby:1', 'lobby:2']);
  });

  it('reads the layout from the token’s claim, and nothing else', () => {
    expect(parsePresenceLayout({ [SHARDS_CLAIM]: 4 })).toEqual({ shards: 4 });
    for (const bad of [undefined, null, {}, { [SHARDS_CLAIM]: 0 }, { [SHARDS_CLAIM]: 1.5 }, { [SHARDS_CLAIM]: '4' }, { [SHARDS_CLAIM]: 101 }]) {
      expect(parsePresenceLayout(bad)).toEqual(LEGACY_LAYOUT);
    }
  });
});
