// Reads the chats an agent asks about and folds each with the chat core, for agent-capability.ts. It reads over
// Ably's REST history API (the hub serves the same path), with a token the service signs for itself, so it works
// the same against the local hub and against Ably.
import { createChat, foldEvents, type ChatState } from '../../lib/chat/fold.ts';
import { createRestHistory } from '../../lib/realtime/rest-history.ts';
import { readChatHistory } from '../../lib/session/chat-feed.ts';
import type { Logger } from '../lib/log.ts';
import { signAblyJwt, type SigningKey } from './sign-token.ts';

/** The folded state of each chat, in the order asked; a chat that could not be read is left out (it gets no grant). */
export type ChatStates = (chatIds: readonly string[]) => Promise<ChatState[]>;

export interface RestChatStatesOptions {
  key: SigningKey;
  /** e.g. `http://127.0.0.1:8377` (the hub) or `https://main.realtime.ably.net`; a function when the port is known late. */
  baseUrl: string | (() => string);
  logger: Logger;
  fetch?: typeof fetch;
}

const READER_TTL_SECONDS = 600;

export function createRestChatStates(options: RestChatStatesOptions): ChatStates {
  let token = '';
  let expires = 0;
  const renew = async () => {
    // history on chats only: the service's own reading token can neither publish nor read anything else.
    const signed = await signAblyJwt(options.key, { clientId: 'baton-token-service', capability: { 'chat:*': ['history'] }, ttlSeconds: READER_TTL_SECONDS });
    token = signed.token;
    expires = signed.expires;
  };
  const baseUrl = () => (typeof options.baseUrl === 'string' ? options.baseUrl : options.baseUrl());
  let history: ReturnType<typeof createRestHistory> | undefined;
  let historyBase = '';

  const read = async (chatId: string): Promise<ChatState | undefined> => {
    if (!history || historyBase !== baseUrl()) {
      historyBase = baseUrl();
      history = createRestHistory({ baseUrl: historyBase, token: () => token, renew, ...(options.fetch ? { fetch: options.fetch } : {}) });
    }
    let state = createChat(chatId);
    let drops = 0;
    try {
      await readChatHistory(history, `chat:${chatId}`, { onEvents: (events) => (state = foldEvents(state, events)), onDrop: () => (drops += 1) });
    } catch (error) {
      options.logger.warn('chat_unreadable', { chatId, error: String(error).slice(0, 200) });
      return undefined;
    }
    if (drops > 0) options.logger.debug('chat_events_dropped', { chatId, drops });
    return state;
  };

  return async (chatIds) => {
    if (Date.now() > expires - 60_000) await renew();
    const states = await Promise.all(chatIds.map(read));
    return states.filter((state): state is ChatState => state !== undefined);
  };
}
