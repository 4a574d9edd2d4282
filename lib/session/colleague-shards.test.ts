import { describe, expect, it, vi } from 'vitest';
import type { PresenceMemberLike } from '../realtime/agent-presence.ts';
import { createColleagueShards } from './colleague-shards.ts';

/** A presence channel whose members the test sets; subscribe() "attaches". */
function fakeChannels(members: Record<string, PresenceMemberLike[]>) {
  const attached = new Set<string>();
  const listeners = new Map<string, () => void>();
  return {
    attached,
    announce(name: string) {
      listeners.get(name)?.();
    },
    channel(name: string) {
      return {
        presence: {
          subscribe: async (listener: () => void) => {
            attached.add(name);
            listeners.set(name, listener);
          },
          unsubscribe: () => listeners.delete(name),
          get: async () => members[name] ?? [],
        },
        detach: async () => void attached.delete(name),
      };
    },
  };
}

const agent = (clientId: string, status = 'present') => ({ clientId, data: { name: clientId.toUpperCase(), status, activeChats: 0 } });
const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('colleague shards', () => {
  const layout = { shards: 3 };

  it('follows no other team until "Transfer to" opens, then lists every team, and lets go after the lease and linger', async () => {
    let now = 0;
    const channels = fakeChannels({ 'agents:1': [agent('bea')], 'agents:2': [agent('cy'), agent('dag', 'away')] });
    const onChange = vi.fn();
    const colleagues = createColleagueShards({ channel: channels.channel, layout, ownChannel: 'agents:0', onChange, onDrop: () => {}, lingerMs: 1000, now: () => now });
    expect(channels.attached.size).toBe(0);

    colleagues.lease(5000);
    await settle();
    expect([...channels.attached].sort()).toEqual(['agents:1', 'agents:2']);
    expect(colleagues.members().map((a) => `${a.clientId}:${a.status}`).sort()).toEqual(['bea:present', 'cy:present', 'dag:away']);
    expect(onChange).toHaveBeenCalled();

    now = 5999;
    colleagues.pin([]); // within lease + linger every team stays followed
    expect(channels.attached.size).toBe(2);
    now = 6001;
    colleagues.lease(-10_000); // a stale renewal does not extend the lease, which is over
    await settle();
    expect(channels.attached.size).toBe(0);
    expect(colleagues.members()).toEqual([]);
    colleagues.dispose();
  });

  it('keeps following the team of a colleague my offer waits for, and sees them go Away', async () => {
    const members: Record<string, PresenceMemberLike[]> = {};
    const channels = fakeChannels(members);
    const colleagues = createColleagueShards({ channel: channels.channel, layout, ownChannel: 'agents:0', onChange: () => {}, onDrop: () => {} });
    // Find a clientId on another shard than mine.
    const { agentsChannelOf } = await import('../realtime/presence-shards.ts');
    const other = ['ann', 'bo', 'carla', 'dino', 'eva'].find((id) => agentsChannelOf(layout, id) !== 'agents:0')!;
    const shard = agentsChannelOf(layout, other);
    members[shard] = [agent(other)];
    expect(colleagues.statusOf(other)).toBe('unknown');
    colleagues.pin([other]);
    await settle();
    expect(colleagues.statusOf(other)).toBe('present');
    expect([...channels.attached]).toEqual([shard]);
    expect(colleagues.members()).toMatchObject([{ clientId: other, status: 'present' }]);

    members[shard] = [agent(other, 'away')];
    channels.announce(shard);
    await settle();
    expect(colleagues.members()).toMatchObject([{ clientId: other, status: 'away' }]);
    expect(colleagues.statusOf(other)).toBe('away');
    members[shard] = [];
    channels.announce(shard);
    await settle();
    expect(colleagues.statusOf(other)).toBe('offline');

    colleagues.pin([]);
    expect(channels.attached.size).toBe(0);
    colleagues.dispose();
  });

  it('drops a colleague whose presence data is malformed, with a reason', async () => {
    const drops: string[] = [];
    const channels = fakeChannels({ 'agents:1': [{ clientId: 'x', data: { name: '', status: 'present', activeChats: 0 } }, agent('bea')] });
    const colleagues = createColleagueShards({ channel: channels.channel, layout: { shards: 2 }, ownChannel: 'agents:0', onChange: () => {}, onDrop: (r) => drops.push(r), now: () => 0 });
    colleagues.lease(1000);
    await settle();
    expect(colleagues.members().map((a) => a.clientId)).toEqual(['bea']);
    expect(drops.length).toBe(1);
    colleagues.dispose();
  });
});
