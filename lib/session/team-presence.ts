import type { BaseRealtime } from 'ably/modular';
import type { PresenceOf } from '../chat/arbiter.ts';
import type { Principal } from '../chat/roles.ts';
import { agentsFromMembers, type AgentPresence } from '../realtime/agent-presence.ts';
import { LEGACY_LAYOUT, agentsChannelOf, allLobbyChannels, lobbyChannelOf, type PresenceLayout } from '../realtime/presence-shards.ts';
import type { AgentStatus } from '../settings/preferences.ts';
import type { Diagnostics } from './diagnostics.ts';
import { coalesced } from './coalesced.ts';
import { createColleagueShards, presenceAcrossTeams, type ColleagueShards } from './colleague-shards.ts';
import { lobbyFromMembers, type LobbyEntry } from './lobby.ts';

// My team as presence shows it: the agents shard I am present on (with my status and chat count), and the lobby
// shards whose queue I see; other teams' agents shards on demand (colleague-shards.ts). Part of the agent session
// (agent-session.ts).

export interface MyPresence {
  name: string;
  status: AgentStatus;
  activeChats: number;
}

export interface TeamPresenceOptions {
  client: BaseRealtime;
  /** Which presence channels (the token's `x-baton-shards`); default the previous version's single channels. */
  layout?: PresenceLayout;
  me: Principal;
  diagnostics: Diagnostics;
  /** What I announce: read whenever it may have changed. */
  mine(): MyPresence;
  /** Whether I follow this chat: a visitor who leaves the lobby stays known for my chats. */
  follows(chatId: string): boolean;
  changed(): void;
  /** A colleague's presence was read: offers waiting for someone who left Present may end (arbiter.ts). */
  onColleaguesRead(): void;
}

export function createTeamPresence(options: TeamPresenceOptions) {
  const { client, diagnostics } = options;
  const layout = options.layout ?? LEGACY_LAYOUT;
  let agents: AgentPresence[] = [];
  let lobby: LobbyEntry[] = [];
  /** Visitors leave the lobby when their chat ends; the agent's chat keeps the name, email and topic they gave. */
  const departed = new Map<string, LobbyEntry>();
  let entered = false;
  let announced = -1;
  /** My team's set has been read once: before that, an empty set says nothing about who is gone. */
  let agentsKnown = false;

  const agentsChannel = client.channels.get(agentsChannelOf(layout, options.me.clientId));
  // Users who can listen in follow every lobby shard for the Dashboard (docs/architecture.md, "Scale past one channel").
  const lobbyNamesFor = (listener: boolean) => (listener ? allLobbyChannels(layout) : [lobbyChannelOf(layout, options.me.clientId)]);
  let lobbyNames = lobbyNamesFor(options.me.listener);
  const onColleagues = () => (options.onColleaguesRead(), options.changed());
  const onDrop = (reason: string) => diagnostics.record('drop', reason);
  const colleagues = createColleagueShards({ channel: (name) => client.channels.get(name), layout, ownChannel: agentsChannel.name, onChange: onColleagues, onDrop });

  const readAgents = async () => {
    agents = agentsFromMembers(await agentsChannel.presence.get(), onDrop);
    agentsKnown = true;
    onColleagues();
  };
  const readLobby = async () => {
    const members = (await Promise.all(lobbyNames.map((name) => client.channels.get(name).presence.get()))).flat();
    const next = lobbyFromMembers(members, (reason) => diagnostics.record('drop', reason));
    const present = new Set(next.map((entry) => entry.chatId));
    for (const entry of lobby) if (!present.has(entry.chatId) && options.follows(entry.chatId)) departed.set(entry.chatId, entry);
    lobby = next;
    options.changed();
  };
  // A SYNC or a burst of presence events re-reads the set once, not once per event.
  const refreshAgents = coalesced(readAgents);
  const refreshLobby = coalesced(readLobby);
  const onLobbyEvent = () => void refreshLobby().catch(() => {});

  // My chat count is part of my presence, which colleagues' "Transfer to" orders by: announce it whenever it changes.
  const announceLoad = () => {
    const data = options.mine();
    if (!entered || data.activeChats === announced) return;
    announced = data.activeChats;
    void agentsChannel.presence.update(data).catch((error: unknown) => diagnostics.record('error', `unable to announce my chat count; ${String(error)}`));
  };

  return {
    /** My team, live all day; the other teams while a "Transfer to" search is typed or an offer of mine waits there. */
    agents: () => [...agents, ...colleagues.members()],
    /** Null until my team's set was read: the arbiter then ends no offer for its receiver's absence. */
    presence: (): PresenceOf | null => presenceAcrossTeams(layout, agentsChannel.name, () => (agentsKnown ? agents : null), colleagues),
    ...colleagueMethods(colleagues),
    lobby: () => lobby,
    /** What the visitor of one of my chats told us (name, email, topic), also after they left the lobby. */
    visitor: (chatId: string) => lobby.find((entry) => entry.chatId === chatId) ?? departed.get(chatId),
    /** The lobby with the visitors of my chats who have left it, by chat id. */
    visitorsById(): Map<string, LobbyEntry> {
      for (const chatId of departed.keys()) if (!options.follows(chatId)) departed.delete(chatId);
      return new Map([...departed, ...lobby.map((entry) => [entry.chatId, entry] as const)]);
    },
    async start() {
      await agentsChannel.presence.subscribe(() => void refreshAgents().catch(() => {}));
      const first = options.mine();
      announced = first.activeChats;
      await agentsChannel.presence.enter(first);
      entered = true;
      announceLoad();
      for (const name of lobbyNames) await client.channels.get(name).presence.subscribe(onLobbyEvent);
    },
    /** Reads both sets now (after start, once the inbox is followed too). */
    refresh: () => Promise.all([refreshAgents(), refreshLobby()]).then(() => undefined),
    announceLoad,
    /** Re-announce my presence now (status changed). */
    async update() {
      const data = options.mine();
      announced = data.activeChats;
      await agentsChannel.presence.update(data);
    },
    /** "Can listen in" switched by the policy: follow every lobby shard, or only my own, without reconnecting. */
    async setListener(listener: boolean) {
      const next = lobbyNamesFor(listener);
      const gone = lobbyNames.filter((name) => !next.includes(name));
      const added = next.filter((name) => !lobbyNames.includes(name));
      lobbyNames = next;
      for (const name of gone) {
        client.channels.get(name).presence.unsubscribe(onLobbyEvent);
        void client.channels.get(name).detach().catch(() => {});
      }
      for (const name of added) await client.channels.get(name).presence.subscribe(onLobbyEvent);
      await refreshLobby();
    },
  };
}

export type TeamPresence = ReturnType<typeof createTeamPresence>;

/** What the session asks of other teams' presence (colleague-shards.ts). */
function colleagueMethods(colleagues: ColleagueShards) {
  return {
    /** A "Transfer to" search is typed: list every team's Present colleagues for a while. */
    watchColleagues: (ms?: number) => colleagues.lease(ms),
    /** Follow the teams of these colleagues (the receivers of my waiting offers) to see them go Away. */
    followColleagues: (clientIds: readonly string[]) => colleagues.pin(clientIds),
    dispose: () => colleagues.dispose(),
  };
}
