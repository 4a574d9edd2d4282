import type { BaseRealtime } from 'ably/modular';
import type { ConnectionState, ConnectionStateChange } from 'ably';
import { arbitrate } from '../chat/arbiter.ts';
import type { ChatEvent, InboxEvent } from '../chat/events.ts';
import { createChat, foldEvents } from '../chat/fold.ts';
import { viewFor } from '../chat/view.ts';
import { chatsFromInbox, parseInboxEvent } from '../chat/parse-inbox-event.ts';
import type { Publish } from '../chat/publish.ts';
import { describeDrop } from '../chat/reasons.ts';
import type { Principal } from '../chat/roles.ts';
import type { ChannelHistory } from '../realtime/rest-history.ts';
import { openWhenGranted, type ChatGrants } from '../realtime/chat-grants.ts';
import { agentsFromMembers, type AgentPresence } from '../realtime/agent-presence.ts';
import { LEGACY_LAYOUT, agentsChannelOf, allLobbyChannels, lobbyChannelOf, type PresenceLayout } from '../realtime/presence-shards.ts';
import type { AgentStatus } from '../settings/preferences.ts';
import { openChatFeed } from './chat-feed.ts';
import type { Diagnostics } from './diagnostics.ts';
import { lobbyFromMembers, type LobbyEntry } from './lobby.ts';
import { chatSnapshot, type ConnectionInfo, type ConnectionPhase, type LocalChatFlags, type SessionSnapshot, type TrackedChat } from './session-snapshot.ts';

export interface AgentSessionOptions {
  client: BaseRealtime;
  /** Channel history (REST, without ably-js' Rest plugin: realtime-client.ts). */
  history: ChannelHistory;
  me: Principal;
  name: string;
  status: AgentStatus;
  offerTimeoutMs: number;
  /** Which presence channels (the token's `x-baton-shards`); default the previous version's single channels. */
  layout?: PresenceLayout;
  /** Chats this agent followed before (restored after the worker or browser restarted). */
  chats: Readonly<Record<string, LocalChatFlags>>;
  diagnostics: Diagnostics;
  now?: () => number;
  /** Which chats the token covers (lib/realtime/chat-grants.ts); without it the token is never re-authorized. */
  grants?: ChatGrants;
  /** Called (batched) whenever the snapshot changes. */
  onChange(snapshot: SessionSnapshot): void;
  /** The chats followed and their local flags changed: persist them. */
  onChatsChange(chats: Record<string, LocalChatFlags>): void;
  /** An arbiter wants to run again at `at` even if nothing arrives (alarm). */
  onWake(chatId: string, at: number): void;
}

function phaseOf(state: ConnectionState): ConnectionPhase {
  if (state === 'initialized' || state === 'connecting') return 'connecting';
  if (state === 'closing' || state === 'closed') return 'signed-out';
  return state;
}

const DEFAULT_FLAGS: LocalChatFlags = { watching: false, closed: false, readMarker: null };

/**
 * The agent's realtime session, run by the background: presence on `agents`, the
 * queue on `lobby`, offers through `inbox:{me}`, and every chat the agent is tied to,
 * folded by the chat core. After each fold it runs the arbiter (complete an accepted
 * transfer, expire an unanswered one) and publishes what it decides.
 */
export function createAgentSession(options: AgentSessionOptions) {
  const { client, me, diagnostics } = options;
  const now = options.now ?? Date.now;
  // keepUntil: a command (pick up, take over) is about to act on this chat; don't prune it meanwhile.
  // holdUntil: my own answer (an acceptance) is on its way back; keep the chat whatever the fold says until then.
  const chats = new Map<string, TrackedChat & { close: () => void; keepUntil: number; holdUntil: number }>();
  const inflight = new Set<string>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  let agents: AgentPresence[] = [];
  let lobby: LobbyEntry[] = [];
  /** Visitors leave the lobby when their chat ends; the agent's chat keeps the name, email and topic they gave. */
  const departed = new Map<string, LobbyEntry>();
  let status = options.status;
  let connection: ConnectionInfo = { phase: phaseOf(client.connection.state), error: null, since: now() };
  let disposed = false;
  let scheduled = false;

  const snapshot = (): SessionSnapshot => {
    const at = now();
    for (const chatId of departed.keys()) if (!chats.has(chatId)) departed.delete(chatId);
    const lobbyById = new Map([...departed, ...lobby.map((entry) => [entry.chatId, entry] as const)]);
    return {
      connection,
      me: { clientId: me.clientId, name: options.name, manager: me.manager, listener: me.listener },
      status,
      agents,
      lobby,
      chats: [...chats.values()].map((chat) => chatSnapshot(chat, me, lobbyById, at)),
      offerTimeoutMs: options.offerTimeoutMs,
      now: at,
    };
  };

  /**
   * Drop chats nothing ties this agent to any more, so a previous owner who closed the
   * window, or an agent whose claim lost, is not left subscribed. A claim still waiting
   * for the visitor's answer keeps its chat.
   */
  const prune = () => {
    const at = now();
    for (const [chatId, chat] of chats) {
      const r = chat.state.register;
      // Shielded while a command acts on a still-queued chat; once assigned, the usual rule decides.
      if (!chat.historyLoaded || at < chat.holdUntil || (at < chat.keepUntil && r.seq === 0)) continue;
      const claimWaiting = r.seq === 0 && r.ended === null && r.claims.some((claim) => claim.clientId === me.clientId);
      if (!claimWaiting && !viewFor(chat.state, me, { now: at, ...chat.flags }).staySubscribed) unwatch(chatId);
    }
  };

  // Many events arrive in bursts (history pages, presence syncs): tell the views once per tick.
  const changed = () => {
    if (scheduled || disposed) return;
    scheduled = true;
    queueMicrotask(() => {
      scheduled = false;
      if (disposed) return;
      prune();
      announceLoad();
      options.onChange(snapshot());
    });
  };

  const persistChats = () =>
    options.onChatsChange(Object.fromEntries([...chats].map(([chatId, chat]) => [chatId, chat.flags])));

  const publish = (item: Publish): Promise<void> => {
    const key = item.id ?? '';
    if (key && inflight.has(key)) return Promise.resolve();
    if (key) inflight.add(key);
    return (options.grants?.settled() ?? Promise.resolve())
      .then(() => client.channels.get(item.channel).publish({ name: item.name, data: item.data, ...(item.id ? { id: item.id } : {}) }))
      .then(() => undefined)
      .catch((error: unknown) => {
        diagnostics.record('error', `unable to publish ${item.name} on ${item.channel}; ${String(error)}`);
        throw error;
      })
      .finally(() => key && inflight.delete(key));
  };

  const runArbiter = (chatId: string) => {
    const chat = chats.get(chatId);
    if (!chat || !chat.historyLoaded) return;
    const decision = arbitrate(chat.state, me, now());
    for (const item of decision.publish) publish(item).catch(() => {});
    clearTimeout(timers.get(chatId));
    if (decision.wakeAt !== null) {
      timers.set(chatId, setTimeout(() => runArbiter(chatId), Math.max(0, decision.wakeAt - now())));
      options.onWake(chatId, decision.wakeAt);
    }
  };

  const fold = (chatId: string, events: readonly ChatEvent[]) => {
    const chat = chats.get(chatId);
    if (!chat) return;
    const before = chat.state.register;
    chat.state = foldEvents(chat.state, events);
    options.grants?.onFold(before, chat.state.register, me.clientId);
    runArbiter(chatId);
    changed();
  };

  /** Follow a chat: subscribe, read its history, fold. Idempotent. `keepMs` shields it from pruning while a command acts. */
  const watch = (chatId: string, flags: Partial<LocalChatFlags> = {}, keepMs = 0) => {
    const known = chats.get(chatId);
    if (known) {
      known.flags = { ...known.flags, ...flags };
      known.keepUntil = Math.max(known.keepUntil, now() + keepMs);
      persistChats();
      changed();
      return known;
    }
    const chat = { state: createChat(chatId), flags: { ...DEFAULT_FLAGS, ...flags }, historyLoaded: false, close: () => {}, keepUntil: now() + keepMs, holdUntil: 0 };
    chats.set(chatId, chat);
    chat.close = openWhenGranted(options.grants, chatId, () => openChatFeed(client.channels.get(`chat:${chatId}`), options.history, {
      onEvents: (events) => fold(chatId, events),
      onDrop: (reason) => diagnostics.record('drop', reason),
      onHistoryLoaded: () => {
        chat.historyLoaded = true;
        runArbiter(chatId);
        changed();
      },
    }));
    persistChats();
    changed();
    return chat;
  };

  const unwatch = (chatId: string) => {
    const chat = chats.get(chatId);
    if (!chat) return;
    chat.close();
    clearTimeout(timers.get(chatId));
    chats.delete(chatId);
    options.grants?.forget(chatId);
    void client.channels.get(`chat:${chatId}`).detach().catch(() => {});
    persistChats();
    changed();
  };

  /**
   * Keep a chat for `ms` whatever its fold says. An acceptance and the sender's cancel
   * can arrive in either order; if the cancel comes first, the fold briefly says the
   * offer is over and pruning would unsubscribe before my acceptance arrives, sorts
   * first, and makes me the owner of a chat I no longer follow (found by the fault rounds).
   */
  const hold = (chatId: string, ms: number) => {
    const chat = chats.get(chatId);
    if (!chat) return;
    chat.holdUntil = Math.max(chat.holdUntil, now() + ms);
    setTimeout(changed, ms + 1);
  };

  const presenceData = () => ({
    name: options.name,
    status,
    activeChats: [...chats.values()].filter((chat) => chat.state.register.owner === me.clientId && chat.state.register.ended === null).length,
  });

  // My team: the agents shard I am present on, and the lobby shard whose queue I serve. Users who can
  // listen in follow every lobby shard for the Dashboard (docs/architecture.md, "Scale past one channel").
  const layout = options.layout ?? LEGACY_LAYOUT;
  const agentsChannel = client.channels.get(agentsChannelOf(layout, me.clientId));
  const lobbyChannels = (me.listener ? allLobbyChannels(layout) : [lobbyChannelOf(layout, me.clientId)]).map((name) => client.channels.get(name));
  const inbox = client.channels.get(`inbox:${me.clientId}`);

  /**
   * My chat count is part of my presence, which colleagues' "Transfer to" orders by: announce it whenever
   * it changes (a pick-up, an accepted transfer, an end), not only with a status change.
   */
  let entered = false;
  let announced = -1;
  const announceLoad = () => {
    const data = presenceData();
    if (!entered || data.activeChats === announced) return;
    announced = data.activeChats;
    void agentsChannel.presence.update(data).catch((error: unknown) => diagnostics.record('error', `unable to announce my chat count; ${String(error)}`));
  };

  const readAgents = async () => {
    agents = agentsFromMembers(await agentsChannel.presence.get(), (reason) => diagnostics.record('drop', reason));
    changed();
  };
  const readLobby = async () => {
    const members = (await Promise.all(lobbyChannels.map((channel) => channel.presence.get()))).flat();
    const next = lobbyFromMembers(members, (reason) => diagnostics.record('drop', reason));
    const present = new Set(next.map((entry) => entry.chatId));
    for (const entry of lobby) if (!present.has(entry.chatId) && chats.has(entry.chatId)) departed.set(entry.chatId, entry);
    lobby = next;
    changed();
  };
  // A SYNC or a burst of presence events re-reads the set once, not once per event.
  const refreshAgents = coalesced(readAgents);
  const refreshLobby = coalesced(readLobby);

  const onConnection = (change: ConnectionStateChange) => {
    connection = { phase: phaseOf(change.current), error: change.reason?.message ?? null, since: now() };
    diagnostics.record('connection', `${change.previous} → ${change.current}${change.reason ? ` (${change.reason.code}: ${change.reason.message})` : ''}`);
    changed();
  };
  client.connection.on(onConnection);

  const start = async () => {
    for (const [chatId, flags] of Object.entries(options.chats)) watch(chatId, flags);
    await agentsChannel.presence.subscribe(() => void refreshAgents().catch(() => {}));
    const first = presenceData();
    announced = first.activeChats;
    await agentsChannel.presence.enter(first);
    entered = true;
    announceLoad();
    for (const channel of lobbyChannels) await channel.presence.subscribe(() => void refreshLobby().catch(() => {}));
    await inbox.subscribe((message) => {
      const notice = parseInboxEvent(message);
      if ('drop' in notice) return diagnostics.record('drop', `inbox: ${describeDrop(notice)}`);
      watch(notice.chatId);
    });
    // Offers made while this agent's browser was closed are still in the inbox's history.
    const history = await options.history(inbox.name, 100);
    const notices = history.items.map(parseInboxEvent).filter((notice): notice is InboxEvent => !('drop' in notice));
    for (const chatId of chatsFromInbox(notices, now())) watch(chatId);
    await Promise.all([refreshAgents(), refreshLobby()]);
  };

  /** Resolves when every chat followed now has its history folded (or after `timeoutMs`): what a woken worker's answers need. */
  const loaded = async (timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (!disposed && [...chats.values()].some((chat) => !chat.historyLoaded) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  return {
    start,
    loaded,
    snapshot,
    watch,
    unwatch,
    hold,
    publish,
    chat: (chatId: string) => chats.get(chatId),
    lobby: () => lobby,
    /** What the visitor of one of my chats told us (name, email, topic), also after they left the lobby. */
    visitor: (chatId: string) => lobby.find((entry) => entry.chatId === chatId) ?? departed.get(chatId),
    runArbiter,
    /** Re-announce presence (status or chat count changed). */
    async updatePresence(next?: AgentStatus) {
      if (next) status = next;
      changed();
      const data = presenceData();
      announced = data.activeChats;
      await agentsChannel.presence.update(data);
    },
    prune,
    dispose() {
      disposed = true;
      for (const timer of timers.values()) clearTimeout(timer);
      for (const chat of chats.values()) chat.close();
      client.connection.off(onConnection);
    },
  };
}

export type AgentSession = ReturnType<typeof createAgentSession>;

/** Runs `read` once for the events of one macrotask; callers awaiting it get that run's result. */
function coalesced(read: () => Promise<void>): () => Promise<void> {
  let pending: Promise<void> | null = null;
  return () =>
    (pending ??= new Promise<void>((resolve) => setTimeout(resolve, 0)).then(() => {
      pending = null;
      return read();
    }));
}
