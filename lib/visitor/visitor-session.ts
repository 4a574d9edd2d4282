import type { BaseRealtime } from 'ably/modular';
import type { Realtime } from 'ably';
import { arbitrate } from '../chat/arbiter.ts';
import { planEnd, planMessage, planTyping, type Plan } from '../chat/commands.ts';
import { authorOf, newIdKey } from '../chat/control-ids.ts';
import { createChat, foldEvents, type ChatState } from '../chat/fold.ts';
import { describeRejection } from '../chat/reasons.ts';
import { principal } from '../chat/roles.ts';
import { viewFor, type ChatView } from '../chat/view.ts';
import { AppError } from '../errors.ts';
import { ablyChannelHistory, openChatFeed } from '../session/chat-feed.ts';
import { lobbyChannelOf } from '../realtime/presence-shards.ts';
import { layoutFromToken } from '../session/token-identity.ts';

/** ably-js keeps the token it authenticated with (RSA: auth.tokenDetails); its typings leave it out. */
function currentToken(client: BaseRealtime | Realtime): string | undefined {
  const token = (client.auth as unknown as { tokenDetails?: { token?: unknown } }).tokenDetails?.token;
  return typeof token === 'string' ? token : undefined;
}

export interface VisitorSessionOptions {
  /** A client signed in with a visitor token for `chat:{chatId}` (the token service's /auth/visitor). */
  client: BaseRealtime | Realtime;
  chatId: string;
  visitorName: string;
  /** From the pre-chat form; agents' CRM adapter suggests the person by it. */
  email?: string;
  topic: string;
  now?: () => number;
  onChange?(view: ChatView): void;
  onDrop?(reason: string): void;
}

/**
 * The visitor's side of a chat, for the website widget and for scripted visitors: it
 * is present in the lobby while the chat is live, holds the queued chat and answers
 * the first valid claim (the arbiter's `assigned`), and writes and reads messages.
 */
export function createVisitorSession(options: VisitorSessionOptions) {
  const { client, chatId } = options;
  const now = options.now ?? Date.now;
  // My control ids (the assignment, the end) are tagged with this page's own secret (lib/chat/control-ids.ts).
  const me = authorOf(principal(`visitor:${chatId}`, { kind: 'visitor', manager: false, listener: false }), newIdKey());
  const channel = client.channels.get(`chat:${chatId}`);
  // The lobby shard of this chat, as the visitor's token names it (presence-shards.ts); read once connected.
  let lobby = client.channels.get(lobbyChannelOf(layoutFromToken(currentToken(client)), chatId));
  const startedAt = now();
  const inflight = new Set<string>();
  let state: ChatState = createChat(chatId);
  let loaded = false;
  let announcedOwner: string | null = null;

  const view = () => viewFor(state, me, { now: now() });

  const publishAll = async (plan: Plan, action: string) => {
    if (!plan.ok) throw new AppError('refused', describeRejection(action, plan.reason));
    for (const item of plan.publish) {
      if (item.id && inflight.has(item.id)) continue;
      if (item.id) inflight.add(item.id);
      try {
        await client.channels.get(item.channel).publish({ name: item.name, data: item.data, ...(item.id ? { id: item.id } : {}) });
      } finally {
        if (item.id) inflight.delete(item.id);
      }
    }
  };

  const presenceData = () => ({
    chatId,
    visitorName: options.visitorName,
    ...(options.email ? { email: options.email } : {}),
    topic: options.topic,
    startedAt,
    owner: state.register.owner,
  });

  const afterFold = () => {
    if (loaded) {
      const decision = arbitrate(state, me, now());
      if (decision.publish.length > 0) void publishAll({ ok: true, publish: decision.publish }, 'assign the chat').catch(() => {});
    }
    // Keep the lobby's hint of who answers current, for agents' queue lists.
    if (state.register.owner !== announcedOwner && state.register.ended === null) {
      announcedOwner = state.register.owner;
      void lobby.presence.update(presenceData()).catch(() => {});
    }
    if (state.register.ended !== null) void lobby.presence.leave().catch(() => {});
    options.onChange?.(view());
  };

  let closeFeed = () => {};

  return {
    me,
    view,
    state: () => state,
    async start() {
      if (client.connection.state !== 'connected') await client.connection.whenState('connected');
      lobby = client.channels.get(lobbyChannelOf(layoutFromToken(currentToken(client)), chatId));
      closeFeed = openChatFeed(channel, ablyChannelHistory(channel), {
        onEvents: (events) => {
          state = foldEvents(state, events);
          afterFold();
        },
        onDrop: (reason) => options.onDrop?.(reason),
        onHistoryLoaded: () => {
          loaded = true;
          afterFold();
        },
      });
      await lobby.presence.enter(presenceData());
    },
    send: (text: string) => publishAll(planMessage(state, me, now(), text), 'send the message'),
    typing: (typing: boolean) => publishAll(planTyping(state, me, now(), typing), 'show typing'),
    end: () => publishAll(planEnd(state, me, now()), 'end the chat'),
    close() {
      closeFeed();
      void lobby.presence.leave().catch(() => {});
    },
  };
}
