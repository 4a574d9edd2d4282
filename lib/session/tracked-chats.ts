import type { BaseRealtime } from 'ably/modular';
import { arbitrate, type PresenceOf } from '../chat/arbiter.ts';
import type { AcceptanceNotice, ChatEvent } from '../chat/events.ts';
import { foldEvents } from '../chat/fold.ts';
import type { Publish } from '../chat/publish.ts';
import type { Author } from '../chat/control-ids.ts';
import { offerNoticeTimeLeft, viewFor } from '../chat/view.ts';
import type { ChannelHistory } from '../realtime/rest-history.ts';
import { openWhenGranted, type ChatGrants } from '../realtime/chat-grants.ts';
import { openChatFeed } from './chat-feed.ts';
import { predictionsFor } from './chat-predictions.ts';
import { newFollowedChat, type FollowedChat } from './followed-chat.ts';
import { createKeyedTimers } from './keyed-timers.ts';
import type { Diagnostics } from './diagnostics.ts';
import type { LocalChatFlags } from './session-snapshot.ts';

// The chats one agent follows: each subscribed and folded by the chat core, its arbiter run after every fold, and
// dropped once nothing ties the agent to it. Part of the agent session (agent-session.ts); one chat: followed-chat.ts.

export interface TrackedChatsOptions {
  client: BaseRealtime;
  history: ChannelHistory;
  /** Which chats the token covers (chat-grants.ts): a feed opens once its chat is granted; a fold may re-authorize. */
  grants?: ChatGrants;
  diagnostics: Diagnostics;
  now: () => number;
  /** Who I am now: the policy's switches may narrow it while the session runs. */
  /** Me, with the key my control ids are tagged with (the arbiter publishes as me). */
  me: () => Author;
  publish(item: Publish): Promise<void>;
  /** Colleagues' presence, for an offer whose receiver left Present; null while it is not known (arbiter.ts). */
  presence(): PresenceOf | null;
  /** Something a view shows changed. */
  changed(): void;
  /** The chats followed and their local flags changed: persist them. */
  onChatsChange(chats: Record<string, LocalChatFlags>): void;
  /** An arbiter wants to run again at `at` even if nothing arrives (alarm). */
  onWake(chatId: string, at: number): void;
}

export function createTrackedChats(options: TrackedChatsOptions) {
  const { client, diagnostics, now } = options;
  const chats = new Map<string, FollowedChat>();
  // Arbiter wake-ups and holds, one of each per chat; all cleared when a chat is dropped or the session disposed.
  const arbiterTimers = createKeyedTimers();
  const holdTimers = createKeyedTimers();
  const persist = () => options.onChatsChange(Object.fromEntries([...chats].map(([chatId, chat]) => [chatId, chat.flags])));

  const runArbiter = (chatId: string) => {
    const chat = chats.get(chatId);
    if (!chat || !chat.historyLoaded) return;
    const decision = arbitrate(chat.state, options.me(), now(), options.presence(), chat.predictions.relayed());
    for (const item of decision.publish) options.publish(item).catch(() => {});
    if (decision.wakeAt === null) arbiterTimers.clear(chatId);
    else {
      arbiterTimers.set(chatId, decision.wakeAt - now(), () => runArbiter(chatId));
      options.onWake(chatId, decision.wakeAt);
    }
  };

  const fold = (chatId: string, events: readonly ChatEvent[]) => {
    const chat = chats.get(chatId);
    if (!chat) return;
    const before = chat.state.register;
    chat.state = foldEvents(chat.state, events);
    chat.predictions.reconcile(chat.state, now());
    options.grants?.onFold(chatId, before, chat.state.register, options.me());
    runArbiter(chatId);
    options.changed();
  };

  /** Follow a chat: subscribe, read its history, fold. Idempotent. `keepMs` shields it from pruning while a command acts. */
  const watch = (chatId: string, flags: Partial<LocalChatFlags> = {}, keepMs = 0) => {
    const known = chats.get(chatId);
    if (known) {
      known.flags = { ...known.flags, ...flags };
      known.keepUntil = Math.max(known.keepUntil, now() + keepMs);
      persist();
      options.changed();
      return known;
    }
    const chat = newFollowedChat(chatId, flags, now() + keepMs);
    chats.set(chatId, chat);
    chat.close = openWhenGranted(options.grants, chatId, () =>
      openChatFeed(client.channels.get(`chat:${chatId}`), options.history, {
        onEvents: (events) => fold(chatId, events),
        onDrop: (reason) => diagnostics.record('drop', reason),
        onHistoryLoaded: () => {
          chat.historyLoaded = true;
          runArbiter(chatId);
          options.changed();
        },
        onRefused: () => {
          chat.refused = true;
          options.changed();
        },
      }),
    );
    persist();
    options.changed();
    return chat;
  };

  const unwatch = (chatId: string) => {
    const chat = chats.get(chatId);
    if (!chat) return;
    chat.close();
    chat.predictions.dispose();
    arbiterTimers.clear(chatId);
    holdTimers.clear(chatId);
    chats.delete(chatId);
    options.grants?.forget(chatId);
    void client.channels.get(`chat:${chatId}`).detach().catch(() => {});
    persist();
    options.changed();
  };

  /**
   * Keep a chat for `ms` whatever its fold says. An acceptance and the sender's cancel can arrive in either order; if
   * the cancel comes first, the fold briefly says the offer is over and pruning would unsubscribe before my acceptance
   * arrives, sorts first, and makes me the owner of a chat I no longer follow (found by the fault rounds).
   */
  const hold = (chatId: string, ms: number) => {
    const chat = chats.get(chatId);
    if (!chat) return;
    const until = now() + ms;
    // Pruning asks again on every change while an offer notice lasts: one timer, for the latest end, is enough.
    if (until <= chat.holdUntil) return;
    chat.holdUntil = until;
    holdTimers.set(chatId, ms + 1, options.changed);
  };

  // My events on their way to a chat's log, shown at once (chat-predictions.ts).
  const { predict, settled } = predictionsFor((chatId) => chats.get(chatId), now, options.changed);

  return {
    watch,
    unwatch,
    runArbiter,
    /** A receiver's acceptance told to my inbox (arbiter.ts checks it); false for a chat I do not follow. */
    relayAcceptance(notice: AcceptanceNotice): boolean {
      const chat = chats.get(notice.chatId);
      if (!chat) return false;
      chat.predictions.relay(notice);
      runArbiter(notice.chatId);
      options.changed(); // as after a fold: the completion is handed to ably-js first
      return true;
    },
    hold,
    predict,
    settled,
    /** The receivers of my offers still waiting, by chat. */
    waitingFor: (): Array<[chatId: string, receiver: string]> =>
      [...chats].flatMap(([chatId, chat]) => {
        const pending = chat.state.register.pending;
        return pending && pending.from === options.me().clientId ? [[chatId, pending.to]] : [];
      }),
    get: (chatId: string) => chats.get(chatId),
    has: (chatId: string) => chats.has(chatId),
    all: () => [...chats.values()],
    /**
     * Drop chats nothing ties this agent to any more, so a previous owner who closed the
     * window, or an agent whose claim lost, is not left subscribed. A claim still waiting
     * for the visitor's answer keeps its chat.
     */
    prune() {
      const at = now();
      const me = options.me();
      for (const [chatId, chat] of chats) {
        const r = chat.state.register;
        // Refused by the service (a claim that lost before its token came): its history never loads, and a chat that
        // never loads was never pruned; it stayed in the session, asking for nothing, shown as loading.
        if (chat.refused && at >= chat.holdUntil) {
          unwatch(chatId);
          continue;
        }
        // Shielded while a command acts on a still-queued chat; once assigned, the usual rule decides.
        if (!chat.historyLoaded || at < chat.holdUntil || (at < chat.keepUntil && r.seq === 0)) continue;
        const claimWaiting = r.seq === 0 && r.ended === null && r.claims.some((claim) => claim.clientId === me.clientId);
        if (claimWaiting) continue;
        const view = viewFor(chat.state, me, { now: at, ...chat.flags });
        // An offer to me that ended without my answer: keep the chat a minute so my views can tell me why.
        const notice = offerNoticeTimeLeft(view, me.clientId, at);
        if (notice > 0) hold(chatId, notice);
        else if (!view.staySubscribed) unwatch(chatId);
      }
    },
    dispose() {
      arbiterTimers.clearAll();
      holdTimers.clearAll();
      for (const chat of chats.values()) {
        chat.close();
        chat.predictions.dispose();
      }
    },
  };
}

export type TrackedChats = ReturnType<typeof createTrackedChats>;
