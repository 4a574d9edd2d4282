// The ownership register and what surrounds it: the part of a chat's state that control events change. It is small
// and copied on change; message events leave it untouched (same object), which keeps the fold cheap.
import type { LoggedEvent, OfferedEvent } from './events.ts';

export type OfferStatus = 'pending' | 'accepted' | 'completed' | 'rejected' | 'cancelled' | 'expired' | 'superseded';
export type TerminalStatus = Exclude<OfferStatus, 'pending' | 'accepted'>;

export interface Offer {
  readonly transferId: string;
  /** Who made the offer: the owner, or a manager transferring someone else's chat. Only they may complete it. */
  readonly from: string;
  readonly to: string;
  readonly note: string;
  readonly seq: number;
  readonly offeredAt: number;
  readonly expiresAt: number;
  readonly status: OfferStatus;
  readonly acceptedAt: number | null;
  /** When and by whom it reached its terminal status (null while pending/accepted). */
  readonly resolvedAt: number | null;
  readonly resolvedBy: string | null;
  /** The receiver's reason for a rejection, a `CancelCause` for a cancel the sender's arbiter decided, or 'takeover' / 'ended' for a superseded offer. */
  readonly reason: string | null;
}

export interface OwnershipChange {
  readonly seq: number;
  readonly owner: string;
  readonly previous: string | null;
  readonly by: string;
  readonly via: 'assigned' | 'completed' | 'takeover';
  readonly at: number;
  readonly eventId: string;
}

export interface Claim {
  readonly clientId: string;
  readonly eventId: string;
  readonly at: number;
}

export interface Register {
  /** The single writer (owner, seq) of architecture §3; seq 0 = queued, held by the visitor's widget. */
  readonly owner: string | null;
  readonly seq: number;
  /** The one pending offer (status pending or accepted), if any. */
  readonly pending: Offer | null;
  /** Every offer that was applied, in canonical order, with its current status. */
  readonly offers: readonly Offer[];
  readonly claims: readonly Claim[];
  readonly ownership: readonly OwnershipChange[];
  /** Agents who owned the chat before and do not now: they are in listening mode until they close the window. */
  readonly formerOwners: readonly string[];
  /** The chat's visitor, pinned by the first visitor event in canonical order. */
  readonly visitorId: string | null;
  readonly ended: { readonly at: number; readonly by: string; readonly reason: string | null } | null;
  readonly contact: { readonly personId: string; readonly displayName: string | null; readonly by: string } | null;
  readonly requests: readonly { readonly requestId: string; readonly title: string | null; readonly by: string }[];
}

export const EMPTY_REGISTER: Register = {
  owner: null,
  seq: 0,
  pending: null,
  offers: [],
  claims: [],
  ownership: [],
  formerOwners: [],
  visitorId: null,
  ended: null,
  contact: null,
  requests: [],
};

export function findOffer(register: Register, transferId: string): Offer | undefined {
  if (register.pending?.transferId === transferId) return register.pending;
  for (let i = register.offers.length - 1; i >= 0; i--) {
    const offer = register.offers[i];
    if (offer?.transferId === transferId) return offer;
  }
  return undefined;
}

export function isTerminal(status: OfferStatus): status is TerminalStatus {
  return status !== 'pending' && status !== 'accepted';
}

export function newOffer(event: OfferedEvent): Offer {
  return {
    transferId: event.transferId,
    from: event.clientId,
    to: event.to,
    note: event.note,
    seq: event.seq,
    offeredAt: event.timestamp,
    expiresAt: event.expiresAt,
    status: 'pending',
    acceptedAt: null,
    resolvedAt: null,
    resolvedBy: null,
    reason: null,
  };
}

/** Replaces the pending offer (same transferId) with `offer`; clears `pending` once it is terminal. */
export function updatePending(register: Register, offer: Offer): Register {
  const offers = register.offers.slice();
  const index = offers.findLastIndex((o) => o.transferId === offer.transferId);
  offers[index] = offer;
  return { ...register, offers, pending: isTerminal(offer.status) ? null : offer };
}

export function resolveOffer(
  register: Register,
  offer: Offer,
  status: TerminalStatus,
  event: LoggedEvent,
  reason: string | null = null,
): Register {
  return updatePending(register, { ...offer, status, resolvedAt: event.timestamp, resolvedBy: event.clientId, reason });
}

/** Writes the register: (owner, seq + 1). The previous owner goes to listening mode; a pending offer is superseded. */
export function changeOwner(register: Register, owner: string, via: OwnershipChange['via'], event: LoggedEvent): Register {
  const previous = register.owner;
  let next = register;
  if (next.pending !== null && via !== 'completed') {
    next = resolveOffer(next, next.pending, 'superseded', event, via === 'takeover' ? 'takeover' : 'assigned');
  }
  const formerOwners = next.formerOwners.filter((c) => c !== owner);
  if (previous !== null && previous !== owner && !formerOwners.includes(previous)) formerOwners.push(previous);
  const change: OwnershipChange = {
    seq: register.seq + 1,
    owner,
    previous,
    by: event.clientId,
    via,
    at: event.timestamp,
    eventId: event.id,
  };
  return { ...next, owner, seq: register.seq + 1, formerOwners, ownership: [...next.ownership, change] };
}
