import type { InboundMessage, RealtimeChannel } from 'ably';
import type { ChannelHistory } from '../realtime/rest-history.ts';
import { describeDrop } from '../chat/reasons.ts';
import { parseChatEvent } from '../chat/parse-chat-event.ts';
import type { ChatEvent } from '../chat/events.ts';
import { isCapabilityDenied } from './service-refusal.ts';

/** History is read back to this many events per chat; older ones are beyond any transfer's interest. */
const MAX_HISTORY_EVENTS = 20_000;
const HISTORY_PAGE = 1000;

export interface ChatFeedHandlers {
  onEvents(events: readonly ChatEvent[]): void;
  onDrop(reason: string): void;
  onHistoryLoaded(): void;
  /**
   * The realtime service refused the channel (40160): the token, decided from the chat's own log, does not grant it,
   * so nothing ties this agent to the chat any more (a claim that lost while its token was on its way).
   */
  onRefused?(): void;
}

function parseAll(messages: readonly unknown[], onDrop: (reason: string) => void): ChatEvent[] {
  const events: ChatEvent[] = [];
  for (const message of messages) {
    const parsed = parseChatEvent(message);
    if ('drop' in parsed) onDrop(`chat ${messageId(message)}: ${describeDrop(parsed)}`);
    else events.push(parsed);
  }
  return events;
}

const messageId = (message: unknown): string =>
  typeof message === 'object' && message !== null && 'id' in message && typeof message.id === 'string' ? message.id : '?';

/**
 * Reads a chat's history backwards, page by page, parsing each message with the chat core (newest first, which the
 * order-independent fold does not mind), up to MAX_HISTORY_EVENTS. Also what the token service folds (agent-capability.ts).
 */
export async function readChatHistory(
  history: ChannelHistory,
  channelName: string,
  handlers: Pick<ChatFeedHandlers, 'onEvents' | 'onDrop'>,
  open: () => boolean = () => true,
): Promise<void> {
  let page = await history(channelName, HISTORY_PAGE);
  let read = 0;
  for (;;) {
    if (!open()) return;
    read += page.items.length;
    const events = parseAll(page.items, handlers.onDrop);
    if (events.length > 0) handlers.onEvents(events);
    if (!page.hasNext() || read >= MAX_HISTORY_EVENTS) break;
    const next = await page.next();
    if (!next) break;
    page = next;
  }
}

/** History through the channel's own ably-js `history()` (clients built with the `Rest` plugin, e.g. the visitor page). */
export const ablyChannelHistory =
  (channel: RealtimeChannel): ChannelHistory =>
  (_name, limit) =>
    channel.history({ limit });

/**
 * Live messages and the chat's history, both into the fold. Subscribe first, then read
 * history up to now: every message is in one or the other, and the fold (order-
 * independent, de-duplicating by message id) absorbs the overlap, so this holds however
 * the channel came to be attached (re-attach after a drop, a resumed connection), which
 * `untilAttach` history does not: it ends at the attach, not at the subscription.
 */
export function openChatFeed(channel: RealtimeChannel, history: ChannelHistory, handlers: ChatFeedHandlers): () => void {
  let open = true;
  const onMessage = (message: InboundMessage) => {
    if (!open) return;
    const events = parseAll([message], handlers.onDrop);
    if (events.length > 0) handlers.onEvents(events);
  };

  const loadHistory = async () => {
    await readChatHistory(history, channel.name, handlers, () => open);
    if (open) handlers.onHistoryLoaded();
  };

  channel
    .subscribe(onMessage)
    .then(loadHistory)
    .catch((error: unknown) => {
      handlers.onDrop(`unable to read ${channel.name}; ${error instanceof Error ? error.message : String(error)}`);
      if (open && isCapabilityDenied(error)) handlers.onRefused?.();
    });

  return () => {
    open = false;
    channel.unsubscribe(onMessage);
  };
}
