// The arbiters' decisions, as pure functions of the folded state, the local identity and the clock. The shells (the
// visitor's widget, an agent's background with its alarms) call `arbitrate` after every fold and at `wakeAt`, publish
// what it returns, and do not republish an id they already have in flight. Decisions are idempotent by id: the same
// state gives the same publishes, so a restarted worker that decides again is de-duplicated by Ably and by the fold.
import { controlId, type Author } from './control-ids.ts';
import type { AcceptanceNotice, AssignedEvent, CancelledEvent, CompletedEvent, ExpiredEvent } from './events.ts';
import type { ChatState } from './fold.ts';
import { RECEIVER_EXPIRY_DELAY_MS } from './limits.ts';
import { chatChannel, envelope, retryAttempt, toPublish } from './publish.ts';
import type { Publish } from './publish.ts';
import type { Offer } from './register.ts';

export interface ArbiterDecision {
  readonly publish: readonly Publish[];
  /** When to call `arbitrate` again even if nothing arrives (an alarm), or null. */
  readonly wakeAt: number | null;
}

const NOTHING: ArbiterDecision = { publish: [], wakeAt: null };

/**
 * A colleague's presence as this agent's background sees it: `offline` once they left the presence set (the realtime
 * service keeps an abruptly dropped member for 15 s first, so a restarted worker does not count as gone); `unknown`
 * for someone whose presence this background does not follow (another team's presence shard).
 */
export type PresenceOf = (clientId: string) => 'present' | 'away' | 'offline' | 'unknown';

/**
 * `presence` is null while the background does not know it (not connected, or not yet synced): then no offer is
 * ended for its receiver's absence, since an empty set would look as if everyone had left.
 */
export function arbitrate(
  state: ChatState,
  me: Author,
  now: number,
  presence: PresenceOf | null = null,
  relayed: AcceptanceNotice | null = null,
): ArbiterDecision {
  if (me.kind === 'visitor') return decideAssignment(state, me, now);
  const offer = state.register.pending;
  if (offer === null) return NOTHING;
  const completion = decideCompletion(state, me, now, relayed);
  if (completion !== undefined) return { publish: [completion], wakeAt: null };
  const expiry = decideExpiry(state, me, now, offer);
  if (expiry.publish.length > 0) return expiry;
  const absence = decideAbsence(state, me, now, offer, presence);
  return absence === undefined ? expiry : { publish: [absence], wakeAt: expiry.wakeAt };
}

/** The visitor's widget holds a queued chat and answers the first valid claim (canonical order) with (owner, 1). */
export function decideAssignment(state: ChatState, me: Author, now: number): ArbiterDecision {
  const r = state.register;
  const first = r.claims[0];
  if (me.kind !== 'visitor' || r.seq !== 0 || r.ended !== null || first === undefined) return NOTHING;
  const id = controlId(state.chatId, 'assigned', me);
  const event: AssignedEvent = { type: 'assigned', ...envelope(me, now, id), owner: first.clientId, seq: 1, claimId: first.eventId };
  return { publish: [toPublish(chatChannel(state.chatId), event, id)], wakeAt: null };
}

/**
 * The offerer's background turns the receiver's acceptance into the register write (to, seq + 1): the acceptance in
 * the log, or its notice in my inbox (`relayed`), whichever comes first. The receiver sends the notice at once and
 * the log's copy once its token grants the chat, which an Accept clicked as the offer arrives would wait for.
 * The notice is trusted as the log's copy would be: Ably stamps its clientId from the publisher's token, it must
 * be the offer's receiver, for this open offer, sent before the offer expired and decided before my own expiry
 * alarm could have ended it (so I never publish both). The completion it leads to is valid without the acceptance
 * in the log (transitions.ts), and the log's copy that follows is folded as the acceptance it answered.
 */
export function decideCompletion(state: ChatState, me: Author, now: number, relayed: AcceptanceNotice | null = null): Publish | undefined {
  const offer = state.register.pending;
  if (offer === null || offer.from !== me.clientId) return undefined;
  if (offer.status !== 'accepted' && !relayedAcceptance(state.chatId, offer, now, relayed)) return undefined;
  const id = controlId(offer.transferId, 'completed', me);
  const event: CompletedEvent = {
    type: 'transfer.completed',
    ...envelope(me, now, id),
    transferId: offer.transferId,
    owner: offer.to,
    // An open offer ends with any register write, so the register still stands at the offer's seq.
    seq: offer.seq + 1,
  };
  return toPublish(chatChannel(state.chatId), event, id);
}

/** Called for the open offer not yet accepted in the log (an open offer is 'pending' or 'accepted'). */
function relayedAcceptance(chatId: string, offer: Offer, now: number, relayed: AcceptanceNotice | null): boolean {
  return (
    relayed !== null &&
    relayed.chatId === chatId &&
    relayed.transferId === offer.transferId &&
    relayed.clientId === offer.to &&
    relayed.timestamp < offer.expiresAt &&
    now < offer.expiresAt
  );
}

/**
 * The offerer's alarm expires its unanswered offer at expiresAt. The receiver's background does the same a little
 * later, so an offer still ends when the sender's browser is gone. A cancel is not decided here: the agent asks for
 * it (planCancel), and an acceptance already in the log makes the cancel lose, and the offer complete, everywhere.
 */
export function decideExpiry(state: ChatState, me: Author, now: number, offer: Offer): ArbiterDecision {
  if (offer.status !== 'pending') return NOTHING;
  const dueAt =
    offer.from === me.clientId ? offer.expiresAt : offer.to === me.clientId ? offer.expiresAt + RECEIVER_EXPIRY_DELAY_MS : null;
  if (dueAt === null) return NOTHING;
  if (now < dueAt) return { publish: [], wakeAt: dueAt };
  const attempt = retryAttempt(state, me.clientId, 'transfer.expired', offer.transferId);
  const id = controlId(offer.transferId, 'expired', me, attempt);
  const event: ExpiredEvent = { type: 'transfer.expired', ...envelope(me, now, id), transferId: offer.transferId };
  // Until our expiry is folded back in, wake again in a second in case Ably's clock disagreed with ours.
  return { publish: [toPublish(chatChannel(state.chatId), event, id)], wakeAt: now + 1_000 };
}

/**
 * SuperOffice offers a transfer only to Present agents; an offer whose receiver goes Away or offline before answering
 * ends, and the sender is told why. The single writer of this decision is the offer's sender (like completion and
 * expiry): its background cancels the offer with the cause, which the fold accepts from the offerer as any cancel.
 * An acceptance already in the log wins (the cancel is refused with `offer-accepted` and the sender completes).
 */
export function decideAbsence(state: ChatState, me: Author, now: number, offer: Offer, presence: PresenceOf | null): Publish | undefined {
  if (presence === null || offer.status !== 'pending' || offer.from !== me.clientId) return undefined;
  const status = presence(offer.to);
  if (status !== 'away' && status !== 'offline') return undefined;
  const attempt = retryAttempt(state, me.clientId, 'transfer.cancelled', offer.transferId);
  const id = controlId(offer.transferId, 'cancelled', me, attempt);
  const event: CancelledEvent = {
    type: 'transfer.cancelled',
    ...envelope(me, now, id),
    transferId: offer.transferId,
    reason: status === 'away' ? 'receiver-away' : 'receiver-offline',
  };
  return toPublish(chatChannel(state.chatId), event, id);
}
