// What an agent may do on one chat NOW, from the chat's folded register: the one rule the token service grants by
// (server/token-service/agent-capability.ts) and the background re-authorizes by (lib/realtime/chat-grants.ts), so
// the client asks for a new token exactly when the service would answer differently. Pure.
import type { Register } from './register.ts';
import type { Principal } from './roles.ts';

export type ChatGrant = 'write' | 'read' | 'none';

/**
 * - queued (seq 0, not ended): write, to claim it (Ably cannot limit a grant to one event name);
 * - owner, or either side of the open offer (the receiver answers, the offerer completes or cancels): write;
 * - a manager on an ongoing chat: write (take over, transfer someone else's chat);
 * - a former owner in listening mode, or the owner of an ended chat: read;
 * - an agent the chat was offered to once, after that offer ended (cancelled, expired, superseded, the chat ended):
 *   read, because their background keeps the chat a minute to tell them why (lib/chat/view.ts offerNoticeTimeLeft),
 *   and a token without the chat would fail that attached channel (40160) under the notice;
 * - anyone else: nothing (listeners read every chat through the role's `chat:*` subscribe).
 */
export function grantOn(me: Principal, r: Register): ChatGrant {
  const tied = r.owner === me.clientId || r.formerOwners.includes(me.clientId) || r.offers.some((offer) => offer.to === me.clientId);
  if (r.ended !== null) return tied ? 'read' : 'none';
  if (r.seq === 0) return 'write';
  if (r.owner === me.clientId) return 'write';
  if (r.pending !== null && (r.pending.to === me.clientId || r.pending.from === me.clientId)) return 'write';
  if (me.manager) return 'write';
  return tied ? 'read' : 'none';
}
