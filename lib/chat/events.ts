// Domain events on `chat:{chatId}` and `inbox:{agentId}`, as the fold sees them after parse*. Every field is always
// present (null when absent) so two clients that parsed the same message hold deep-equal values.
import type { Principal } from './roles.ts';

/** Where an event sits in the canonical order, and its identity: Ably's timestamp, message id and publisher. */
export interface Position {
  readonly timestamp: number;
  readonly id: string;
  readonly clientId: string;
}

interface Base<T extends string> extends Position {
  readonly type: T;
  /** The publisher, from `clientId` and `extras.userClaim` only. `sender.clientId === clientId`. */
  readonly sender: Principal;
}

export interface MessageEvent extends Base<'message'> {
  readonly text: string;
}
export interface TypingEvent extends Base<'typing'> {
  readonly typing: boolean;
}
/** An agent asks for a queued chat. */
export type ClaimEvent = Base<'claim'>;
/** The visitor's widget (holder of a queued chat) answers the first valid claim: register (owner, 1). */
export interface AssignedEvent extends Base<'assigned'> {
  readonly owner: string;
  readonly seq: number;
  readonly claimId: string | null;
}
export interface OfferedEvent extends Base<'transfer.offered'> {
  readonly transferId: string;
  readonly to: string;
  readonly note: string;
  readonly expiresAt: number;
  /** The register seq the offer was made at; an offer made on a stale view is rejected. */
  readonly seq: number;
}
export interface AcceptedEvent extends Base<'transfer.accepted'> {
  readonly transferId: string;
}
export interface RejectedEvent extends Base<'transfer.rejected'> {
  readonly transferId: string;
  readonly reason: string | null;
}
/**
 * Why an offer was withdrawn without the sender asking: its receiver left Present. Only the sender's arbiter sets it
 * (SuperOffice offers transfers to Present agents only); a cancel the sender chose carries null.
 */
export type CancelCause = 'receiver-away' | 'receiver-offline';
export const CANCEL_CAUSES: readonly CancelCause[] = ['receiver-away', 'receiver-offline'];

export interface CancelledEvent extends Base<'transfer.cancelled'> {
  readonly transferId: string;
  readonly reason: CancelCause | null;
}
export interface ExpiredEvent extends Base<'transfer.expired'> {
  readonly transferId: string;
}
/** Only the offerer's background publishes this, turning an acceptance into the register write (to, seq + 1). */
export interface CompletedEvent extends Base<'transfer.completed'> {
  readonly transferId: string;
  readonly owner: string;
  readonly seq: number;
}
export interface TakeoverEvent extends Base<'takeover'> {
  readonly owner: string;
  readonly seq: number;
}
export interface ContactLinkedEvent extends Base<'contact.linked'> {
  readonly personId: string;
  readonly displayName: string | null;
}
export interface RequestCreatedEvent extends Base<'request.created'> {
  readonly requestId: string;
  readonly title: string | null;
}
export interface ChatEndedEvent extends Base<'chat.ended'> {
  readonly reason: string | null;
}

/** Everything the fold keeps in its log (typing is ephemeral and kept apart). */
export type LoggedEvent =
  | MessageEvent
  | ClaimEvent
  | AssignedEvent
  | OfferedEvent
  | AcceptedEvent
  | RejectedEvent
  | CancelledEvent
  | ExpiredEvent
  | CompletedEvent
  | TakeoverEvent
  | ContactLinkedEvent
  | RequestCreatedEvent
  | ChatEndedEvent;

export type ChatEvent = LoggedEvent | TypingEvent;
export type ChatEventName = ChatEvent['type'];
export type TransferEvent = AcceptedEvent | RejectedEvent | CancelledEvent | ExpiredEvent;

/** Wire data of an event: the event minus its envelope (what goes into an Ably message's `data`). */
export type EventData<E extends ChatEvent> = Omit<E, 'type' | 'sender' | keyof Position>;

// Inbox notices point an agent's background at a chat it should now watch; the chat's own log stays the truth.
interface InboxBase<T extends string> extends Position {
  readonly type: T;
  readonly sender: Principal;
  readonly chatId: string;
}
export interface OfferNotice extends InboxBase<'transfer.offered'> {
  readonly transferId: string;
  readonly expiresAt: number;
  readonly note: string;
}
/** A manager's takeover made this agent the owner. */
export interface AssignedNotice extends InboxBase<'chat.assigned'> {
  readonly seq: number;
}
/**
 * The receiver's acceptance, told straight to the offerer (its own inbox, which every agent may publish to), so the
 * offerer can complete without waiting for the receiver's token to grant the chat (arbiter.ts `decideCompletion`).
 * Ably stamps `clientId` from the token, so it names who really accepted; the offerer checks it against its offer.
 */
export interface AcceptanceNotice extends InboxBase<'transfer.accepted'> {
  readonly transferId: string;
}
export type InboxEvent = OfferNotice | AssignedNotice | AcceptanceNotice;
export type InboxEventName = InboxEvent['type'];
