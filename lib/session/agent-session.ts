import type { BaseRealtime } from 'ably/modular';
import type { InboxEvent } from '../chat/events.ts';
import { chatsFromInbox, parseInboxEvent } from '../chat/parse-inbox-event.ts';
import { describeDrop } from '../chat/reasons.ts';
import type { Principal } from '../chat/roles.ts';
import { authorOf, newIdKey, type Author } from '../chat/control-ids.ts';
import type { ChannelHistory } from '../realtime/rest-history.ts';
import type { ChatGrants } from '../realtime/chat-grants.ts';
import type { PresenceLayout } from '../realtime/presence-shards.ts';
import type { AgentStatus } from '../settings/preferences.ts';
import type { Diagnostics } from './diagnostics.ts';
import { createPublisher } from './publisher.ts';
import { trackConnection } from './connection-info.ts';
import { chatSnapshot, type LocalChatFlags, type SessionSnapshot } from './session-snapshot.ts';
import { createTeamPresence } from './team-presence.ts';
import { createTrackedChats, type TrackedChats } from './tracked-chats.ts';

export interface AgentSessionOptions {
  client: BaseRealtime;
  /** Channel history (REST, without ably-js' Rest plugin: realtime-client.ts). */
  history: ChannelHistory;
  me: Principal;
  /**
   * The secret my control ids are tagged with (lib/chat/control-ids.ts): never published, so no other publisher on a
   * chat can take an id of mine first and have my claim or acceptance dropped as a duplicate. The extension keeps one
   * for the browser session (session-settings.ts `sessionIdKey`), so a woken worker tags its ids as the last one did.
   * A fresh one when absent.
   */
  idKey?: Uint8Array;
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

/**
 * The agent's realtime session, run by the background: presence on `agents`, the
 * queue on `lobby` (team-presence.ts), offers through `inbox:{me}`, and every chat the agent is tied to,
 * folded by the chat core (tracked-chats.ts). After each fold it runs the arbiter (complete an accepted
 * transfer, expire an unanswered one) and publishes what it decides.
 */
export function createAgentSession(options: AgentSessionOptions) {
  const { client, diagnostics } = options;
  const now = options.now ?? Date.now;
  const idKey = options.idKey ?? newIdKey();
  let me: Author = authorOf(options.me, idKey);
  let { offerTimeoutMs, status } = options;
  let disposed = false;
  let scheduled = false;

  // Many events arrive in bursts (history pages, presence syncs): tell the views once per tick.
  const changed = () => {
    if (scheduled || disposed) return;
    scheduled = true;
    queueMicrotask(() => {
      scheduled = false;
      if (disposed) return;
      chats.prune();
      team.announceLoad();
      team.followColleagues(chats.waitingFor().map(([, receiver]) => receiver));
      // The chat "Get next in queue" would claim: added to token requests made anyway (chat-grants.ts `next`).
      options.grants?.next(status === 'present' ? (team.lobby().find((entry) => entry.owner === null)?.chatId ?? null) : null);
      options.onChange(snapshot());
    });
  };

  const publish = createPublisher(client, diagnostics, options.grants);
  const presence = () => (connection.info().phase === 'connected' ? team.presence() : null); // ends offers only when live
  const chats = createTrackedChats({ ...options, now, me: () => me, publish, changed, presence });
  const rerunMyOffers = () => chats.waitingFor().forEach(([chatId]) => chats.runArbiter(chatId));
  const ownedOpen = () => chats.all().filter((chat) => chat.state.register.owner === me.clientId && chat.state.register.ended === null).length;
  const team = createTeamPresence({ ...options, changed, follows: chats.has, mine: () => ({ name: options.name, status, activeChats: ownedOpen() }), onColleaguesRead: () => rerunMyOffers() });
  const inbox = client.channels.get(`inbox:${me.clientId}`);

  const snapshot = (): SessionSnapshot => {
    const at = now();
    const visitors = team.visitorsById();
    return {
      connection: connection.info(),
      me: { clientId: me.clientId, name: options.name, manager: me.manager, listener: me.listener },
      status,
      agents: team.agents(),
      lobby: team.lobby(),
      chats: chats.all().map((chat) => chatSnapshot(chat, me, visitors, at)),
      offerTimeoutMs,
      now: at,
    };
  };

  const connection = trackConnection(client, diagnostics, now, () => changed());

  const start = async () => {
    for (const [chatId, flags] of Object.entries(options.chats)) chats.watch(chatId, flags);
    await team.start();
    await inbox.subscribe((message) => {
      const notice = parseInboxEvent(message);
      if ('drop' in notice) return diagnostics.record('drop', `inbox: ${describeDrop(notice)}`);
      // An acceptance answers an offer of mine, on a chat I follow; it never makes me follow one.
      if (notice.type === 'transfer.accepted') {
        if (!chats.relayAcceptance(notice)) diagnostics.record('drop', `inbox: an acceptance of chat ${notice.chatId}, which this session does not follow`);
        return;
      }
      chats.watch(notice.chatId);
    });
    // Offers made while this agent's browser was closed are still in the inbox's history.
    const history = await options.history(inbox.name, 100);
    const notices = history.items.map(parseInboxEvent).filter((notice): notice is InboxEvent => !('drop' in notice));
    for (const chatId of chatsFromInbox(notices, now())) chats.watch(chatId);
    await team.refresh();
  };

  /** Resolves when every chat followed now has its history folded (or after `timeoutMs`): what a woken worker's answers need. */
  const loaded = (timeoutMs: number) => historyRead(chats, () => disposed, timeoutMs);

  return {
    start,
    loaded,
    snapshot,
    watch: chats.watch,
    unwatch: chats.unwatch,
    ...{ hold: chats.hold, predict: chats.predict, settled: chats.settled },
    publish,
    author: (who: Principal): Author => authorOf(who, idKey), // who (as the policy now has it), with my ids' key
    chat: chats.get,
    lobby: team.lobby,
    visitor: team.visitor,
    runArbiter: chats.runArbiter,
    prune: chats.prune,
    watchColleagues: team.watchColleagues,
    /** Re-announce presence (status or chat count changed). */
    async updatePresence(next?: AgentStatus) {
      if (next) status = next;
      changed();
      await team.update();
    },
    /**
     * The policy changed what this session may do or how long offers last: applied in place, on the same
     * connection (only a change of who I am or where I connect needs a new session; session-run.ts).
     */
    async reconfigure(next: { me: Principal; offerTimeoutMs: number }) {
      if (next.me.clientId !== me.clientId) throw new Error('unable to reconfigure the session; it belongs to another agent');
      const listenerChanged = next.me.listener !== me.listener;
      me = authorOf(next.me, idKey);
      offerTimeoutMs = next.offerTimeoutMs;
      changed();
      if (listenerChanged) await team.setListener(me.listener);
    },
    dispose() {
      disposed = true;
      chats.dispose();
      team.dispose();
      connection.dispose();
    },
  };
}

export type AgentSession = ReturnType<typeof createAgentSession>;

/** Resolves once every followed chat's history is read, the session is disposed, or `timeoutMs` has passed. */
async function historyRead(chats: TrackedChats, disposed: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!disposed() && chats.all().some((chat) => !chat.historyLoaded) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
