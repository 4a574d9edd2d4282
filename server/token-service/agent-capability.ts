// What an agent's token may do on each chat it asked about, decided from that chat's own log folded with the same
// chat core every client runs (lib/chat/fold.ts), so the service and the clients agree on who owns what. Pure.
// Design and limits: docs/security.md, "Per-chat capabilities".
import type { ChatState } from '../../lib/chat/fold.ts';
import { grantOn, type ChatGrant } from '../../lib/chat/grant.ts';
import type { Principal } from '../../lib/chat/roles.ts';
import type { CapabilityMap } from './capabilities.ts';

export type { ChatGrant };

/** Ably's operations for a grant, sorted as Ably's canonical form sorts them. */
export const GRANT_OPERATIONS: Record<Exclude<ChatGrant, 'none'>, readonly string[]> = {
  write: ['history', 'publish', 'subscribe'],
  read: ['history', 'subscribe'],
};

/**
 * A JWT must fit in about 8 KB (Ably, docs auth/token/jwt); one chat entry costs about 90 bytes once the
 * capability is JSON in a JSON claim in base64. 60 chats leave room for the rest of the token.
 */
export const MAX_CHATS_PER_TOKEN = 60;

/** What `me` may do on one chat now: the chat core's rule (lib/chat/grant.ts), which the background follows too. */
export function chatGrant(me: Principal, state: ChatState): ChatGrant {
  return grantOn(me, state.register);
}

/** The role's share of `chat:*`: Can listen in (and a manager, who listens before taking over) reads every chat. */
export function agentBaseChats(me: Principal): CapabilityMap {
  return me.listener ? { 'chat:*': GRANT_OPERATIONS.read } : {};
}

/**
 * The per-chat part of an agent's capability: one entry per chat the agent may act on, in the order asked (the
 * client lists the chats it follows first), at most MAX_CHATS_PER_TOKEN. A read grant a listener already has
 * through `chat:*` is left out to keep the token small.
 */
export function agentChatCapability(me: Principal, states: readonly ChatState[]): { capability: CapabilityMap; dropped: number } {
  const capability: CapabilityMap = {};
  let count = 0;
  let dropped = 0;
  for (const state of states) {
    const grant = chatGrant(me, state);
    if (grant === 'none' || (grant === 'read' && me.listener)) continue;
    if (count >= MAX_CHATS_PER_TOKEN) {
      dropped += 1;
      continue;
    }
    capability[`chat:${state.chatId}`] = GRANT_OPERATIONS[grant];
    count += 1;
  }
  return { capability, dropped };
}
