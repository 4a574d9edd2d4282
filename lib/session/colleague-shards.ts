// "Transfer to" lists every Present colleague of the organisation, not only the agent's own team (issue 18).
// An agent is present on, and follows all day, only its own `agents:{k}` shard (presence-shards.ts): following
// every shard all day would cost each agent every colleague's presence updates, growing with the organisation.
// The other shards are followed on demand: while a search is typed in "Transfer to" (a lease the view renews), and
// while one of my offers waits for a colleague of another team (so I see them go Away: the offer then ends).
// Not on every opening of the dialog: that would cost a message per colleague of the organisation each time.
// Attaching a channel gives its members at once (presence SYNC) and then live, which is the "read on demand, then
// live while open" of the issue in one step.
import type { PresenceOf } from '../chat/arbiter.ts';
import { agentsFromMembers, type AgentPresence, type PresenceMemberLike } from '../realtime/agent-presence.ts';
import { agentsChannelOf, allAgentsChannels, type PresenceLayout } from '../realtime/presence-shards.ts';
import { coalesced } from './coalesced.ts';

interface PresenceChannelLike {
  presence: {
    subscribe(listener: () => void): Promise<unknown>;
    unsubscribe(listener?: () => void): void;
    get(): Promise<PresenceMemberLike[]>;
  };
  detach(): Promise<unknown>;
}

export interface ColleagueShardsOptions {
  channel(name: string): PresenceChannelLike;
  layout: PresenceLayout;
  /** My own shard, followed all day by the session itself. */
  ownChannel: string;
  onChange(): void;
  onDrop(reason: string): void;
  /** Others' shards stay followed this long after the last lease, so reopening the dialog is instant. */
  lingerMs?: number;
  now?: () => number;
}

export const COLLEAGUES_LEASE_MS = 30_000;
const DEFAULT_LINGER_MS = 30_000;

export function createColleagueShards(options: ColleagueShardsOptions) {
  const now = options.now ?? Date.now;
  const lingerMs = options.lingerMs ?? DEFAULT_LINGER_MS;
  const followed = new Map<string, { members: AgentPresence[]; read: boolean; stop: () => void }>();
  let leaseUntil = 0;
  let pinned = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;

  const wanted = (): Set<string> => {
    const names = new Set(pinned);
    if (now() < leaseUntil + lingerMs) for (const name of allAgentsChannels(options.layout)) names.add(name);
    names.delete(options.ownChannel);
    return names;
  };

  const follow = (name: string) => {
    const channel = options.channel(name);
    const entry = { members: [] as AgentPresence[], read: false, stop: () => {} };
    const read = coalesced(async () => {
      const members = await channel.presence.get();
      if (followed.get(name) !== entry) return;
      entry.members = agentsFromMembers(members, options.onDrop);
      entry.read = true;
      options.onChange();
    });
    const listener = () => void read().catch(() => {});
    entry.stop = () => {
      channel.presence.unsubscribe(listener);
      void channel.detach().catch(() => {});
    };
    followed.set(name, entry);
    // subscribe() attaches; the first read then has the SYNCed members.
    void channel.presence
      .subscribe(listener)
      .then(() => read())
      .catch((error: unknown) => options.onDrop(`colleagues on ${name}: ${String(error)}`));
  };

  const reconcile = () => {
    if (disposed) return;
    const names = wanted();
    for (const name of names) if (!followed.has(name)) follow(name);
    let dropped = false;
    for (const [name, entry] of followed) {
      if (names.has(name)) continue;
      entry.stop();
      followed.delete(name);
      dropped = true;
    }
    if (dropped) options.onChange();
    clearTimeout(timer);
    const until = leaseUntil + lingerMs;
    if (until > now()) timer = setTimeout(reconcile, until - now() + 1);
  };

  return {
    /** A "Transfer to" search is typed: follow every shard for `ms` more (the view renews while it lasts). */
    lease(ms = COLLEAGUES_LEASE_MS) {
      leaseUntil = Math.max(leaseUntil, now() + ms);
      reconcile();
    },
    /** Keep following these colleagues' shards (the receivers of my pending offers), whatever the lease. */
    pin(clientIds: readonly string[]) {
      const next = new Set(clientIds.map((clientId) => agentsChannelOf(options.layout, clientId)));
      if (next.size === pinned.size && [...next].every((name) => pinned.has(name))) return;
      pinned = next;
      reconcile();
    },
    /**
     * A colleague of another team as far as I know: `unknown` until their shard is followed and read (an empty set
     * read too early would look as if they had left), `offline` once read without them.
     */
    statusOf(clientId: string): 'present' | 'away' | 'offline' | 'unknown' {
      const entry = followed.get(agentsChannelOf(options.layout, clientId));
      if (!entry?.read) return 'unknown';
      return entry.members.find((agent) => agent.clientId === clientId)?.status ?? 'offline';
    },
    /** Colleagues of the other shards followed now. */
    members: (): AgentPresence[] => [...followed.values()].flatMap((entry) => entry.members),
    dispose() {
      disposed = true;
      clearTimeout(timer);
      for (const entry of followed.values()) entry.stop();
      followed.clear();
    },
  };
}

/**
 * A colleague's presence as the arbiter needs it: my team's from my own shard's set (null until it was read: an empty
 * set read too early would look as if everyone had left), another team's from their shard while it is followed.
 */
export function presenceAcrossTeams(
  layout: PresenceLayout,
  ownChannel: string,
  team: () => readonly AgentPresence[] | null,
  colleagues: Pick<ColleagueShards, 'statusOf'>,
): PresenceOf | null {
  const mine = team();
  if (mine === null) return null;
  return (clientId) =>
    agentsChannelOf(layout, clientId) !== ownChannel ? colleagues.statusOf(clientId) : (mine.find((agent) => agent.clientId === clientId)?.status ?? 'offline');
}

export type ColleagueShards = ReturnType<typeof createColleagueShards>;
