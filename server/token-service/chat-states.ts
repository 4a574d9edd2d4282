// Reads the chats an agent asks about and folds each with the chat core, for agent-capability.ts. It reads over
// Ably's REST history API (the hub serves the same path), with a token the service signs for itself, so it works
// the same against the local hub and against Ably. Each chat's folded state is kept (chat-state-cache.ts) and only
// what is new is read on the next request.
import { createRestHistory } from '../../lib/realtime/rest-history.ts';
import type { ChatState } from '../../lib/chat/fold.ts';
import type { Logger } from '../lib/log.ts';
import { createChatStateCache, type ReadSince } from './chat-state-cache.ts';
import { signAblyJwt, type SigningKey } from './sign-token.ts';

/** The folded state of each chat, in the order asked; a chat that could not be read is left out (it gets no grant). */
export type ChatStates = (chatIds: readonly string[]) => Promise<ChatState[]>;

export interface RestChatStatesOptions {
  key: SigningKey;
  /** e.g. `http://127.0.0.1:8377` (the hub) or `https://main.realtime.ably.net`; a function when the port is known late. */
  baseUrl: string | (() => string);
  logger: Logger;
  fetch?: typeof fetch;
  /** How many chats' folded states are kept (least recently asked first out); see chat-state-cache.ts. */
  maxCachedChats?: number;
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

  const readSince: ReadSince = (channelName, limit, start) => {
    if (!history || historyBase !== baseUrl()) {
      historyBase = baseUrl();
      history = createRestHistory({ baseUrl: historyBase, token: () => token, renew, ...(options.fetch ? { fetch: options.fetch } : {}) });
    }
    return history(channelName, limit, start);
  };
  const cache = createChatStateCache({ readSince, logger: options.logger, ...(options.maxCachedChats ? { maxChats: options.maxCachedChats } : {}) });

  return async (chatIds) => {
    if (Date.now() > expires - 60_000) await renew();
    const states = await Promise.all(chatIds.map((chatId) => cache.current(chatId)));
    return states.filter((state): state is ChatState => state !== undefined);
  };
}
