// applyEvent: one step of the fold. Decides whether an event is a valid transition from the register as it stands
// at the event's place in the canonical order, and applies it, or records why not. Pure; never throws.
import type { LoggedEvent, OfferedEvent } from './events.ts';
import { LIMITS } from './limits.ts';
import type { Rejection } from './reasons.ts';
import { changeOwner, findOffer, newOffer, resolveOffer, updatePending } from './register.ts';
import type { Offer, Register } from './register.ts';

export type Outcome = { readonly applied: true } | { readonly applied: false; readonly reason: Rejection };

export interface Step {
  readonly register: Register;
  readonly outcome: Outcome;
}

const APPLIED: Outcome = { applied: true };

function ok(register: Register): Step {
  return { register, outcome: APPLIED };
}

function no(register: Register, reason: Rejection): Step {
  return { register, outcome: { applied: false, reason } };
}

export function applyEvent(register: Register, event: LoggedEvent): Step {
  const visitor = event.sender.kind === 'visitor';
  if (visitor && register.visitorId !== null && register.visitorId !== event.clientId) {
    return no(register, 'not-this-visitor');
  }
  const step = transition(register, event);
  if (visitor && step.outcome.applied && step.register.visitorId === null) {
    return ok({ ...step.register, visitorId: event.clientId });
  }
  return step;
}

function transition(r: Register, e: LoggedEvent): Step {
  const agent = e.sender.kind === 'agent';
  const manager = agent && e.sender.manager;
  switch (e.type) {
    case 'message':
      return r.ended !== null ? no(r, 'chat-ended') : ok(r);
    case 'claim':
      if (!agent) return no(r, 'not-permitted');
      if (r.ended !== null) return no(r, 'chat-ended');
      if (r.seq !== 0) return no(r, 'already-assigned');
      if (r.claims.some((c) => c.clientId === e.clientId)) return no(r, 'duplicate-claim');
      return ok({ ...r, claims: [...r.claims, { clientId: e.clientId, eventId: e.id, at: e.timestamp }] });
    case 'assigned':
      // The widget holds a queued chat (seq 0) and writes (owner, 1); a takeover that won seq 1 makes this stale.
      if (e.sender.kind !== 'visitor') return no(r, 'not-permitted');
      if (r.ended !== null) return no(r, 'chat-ended');
      if (e.seq !== r.seq + 1) return no(r, 'stale-seq');
      if (r.seq !== 0) return no(r, 'already-assigned');
      return ok(changeOwner(r, e.owner, 'assigned', e));
    case 'transfer.offered':
      return offered(r, e);
    case 'transfer.accepted':
    case 'transfer.rejected': {
      const offer = findOffer(r, e.transferId);
      if (offer === undefined) return no(r, 'unknown-transfer');
      if (e.clientId !== offer.to) return no(r, 'not-offered-to-you');
      if (offer.status === 'accepted') return no(r, 'offer-accepted');
      // The offerer completed on my acceptance's inbox notice before this copy reached the log (arbiter.ts
      // `decideCompletion`), or under clock skew: the acceptance it answered. Applied, and it changes nothing.
      if (offer.status === 'completed' && e.type === 'transfer.accepted') return ok(r);
      if (offer.status !== 'pending') return no(r, 'offer-not-pending');
      if (e.timestamp >= offer.expiresAt) return no(r, 'offer-expired');
      if (e.type === 'transfer.rejected') return ok(resolveOffer(r, offer, 'rejected', e, e.reason));
      return ok(updatePending(r, { ...offer, status: 'accepted', acceptedAt: e.timestamp }));
    }
    case 'transfer.cancelled': {
      const offer = findOffer(r, e.transferId);
      if (offer === undefined) return no(r, 'unknown-transfer');
      if (e.clientId !== offer.from && !manager) return no(r, 'not-permitted');
      return settle(r, offer) ?? ok(resolveOffer(r, offer, 'cancelled', e, e.reason));
    }
    case 'transfer.expired': {
      const offer = findOffer(r, e.transferId);
      if (offer === undefined) return no(r, 'unknown-transfer');
      // The offerer's alarm expires it; the receiver's and a manager's can too, so an offer whose sender's browser
      // has gone away still ends (issue 9: "expiry and a manager take-over still resolve it").
      if (e.clientId !== offer.from && e.clientId !== offer.to && !manager) return no(r, 'not-permitted');
      const unsettled = settle(r, offer);
      if (unsettled !== undefined) return unsettled;
      if (e.timestamp < offer.expiresAt) return no(r, 'not-yet-expired');
      return ok(resolveOffer(r, offer, 'expired', e));
    }
    case 'transfer.completed': {
      const offer = findOffer(r, e.transferId);
      if (offer === undefined) return no(r, 'unknown-transfer');
      // Only the offerer completes. It does so on seeing the acceptance, but under clock skew between Ably regions
      // the completion may sort before the acceptance it answers, so it needs the offer open, not yet 'accepted'.
      if (offer.status !== 'pending' && offer.status !== 'accepted') return no(r, 'offer-not-pending');
      if (e.clientId !== offer.from) return no(r, 'not-offerer');
      if (e.owner !== offer.to) return no(r, 'owner-mismatch');
      if (e.seq !== r.seq + 1) return no(r, 'stale-seq');
      const done = resolveOffer(r, offer, 'completed', e);
      return ok(changeOwner(done, offer.to, 'completed', e));
    }
    case 'takeover':
      if (!manager) return no(r, 'not-manager');
      if (r.ended !== null) return no(r, 'chat-ended');
      // A takeover and a completion racing for the same seq: the one first in canonical order, i.e. the lower
      // (timestamp, id), is applied; the other finds the seq taken (architecture §3).
      if (e.seq !== r.seq + 1) return no(r, 'stale-seq');
      if (e.owner === r.owner) return no(r, 'already-owner');
      return ok(changeOwner(r, e.owner, 'takeover', e));
    case 'contact.linked':
      if (!agent) return no(r, 'not-permitted');
      if (e.clientId !== r.owner && !manager) return no(r, 'not-owner');
      return ok({ ...r, contact: { personId: e.personId, displayName: e.displayName, by: e.clientId } });
    case 'request.created':
      if (!agent) return no(r, 'not-permitted');
      if (e.clientId !== r.owner && !manager) return no(r, 'not-owner');
      if (r.requests.some((q) => q.requestId === e.requestId)) return ok(r);
      return ok({ ...r, requests: [...r.requests, { requestId: e.requestId, title: e.title, by: e.clientId }] });
    case 'chat.ended': {
      if (r.ended !== null) return no(r, 'chat-ended');
      if (e.sender.kind === 'agent' && e.clientId !== r.owner && !manager) return no(r, 'not-owner');
      const open = r.pending === null ? r : resolveOffer(r, r.pending, 'superseded', e, 'ended');
      return ok({ ...open, ended: { at: e.timestamp, by: e.clientId, reason: e.reason } });
    }
  }
}

/** Offer is past answering: already accepted (only completion may follow) or already terminal. */
function settle(r: Register, offer: Offer): Step | undefined {
  if (offer.status === 'accepted') return no(r, 'offer-accepted');
  if (offer.status !== 'pending') return no(r, 'offer-not-pending');
  return undefined;
}

function offered(r: Register, e: OfferedEvent): Step {
  if (e.sender.kind !== 'agent') return no(r, 'not-permitted');
  if (r.ended !== null) return no(r, 'chat-ended');
  if (r.owner === null) return no(r, 'not-assigned');
  // The owner offers; a manager may transfer someone else's chat (product.md §5) and then completes it themselves.
  if (e.clientId !== r.owner && !e.sender.manager) return no(r, 'not-owner');
  if (e.seq !== r.seq) return no(r, 'stale-seq');
  if (findOffer(r, e.transferId) !== undefined) return no(r, 'duplicate-transfer');
  if (r.pending !== null) return no(r, 'offer-pending');
  if (e.to === r.owner || e.to === e.clientId) return no(r, 'self-transfer');
  if (e.expiresAt <= e.timestamp || e.expiresAt - e.timestamp > LIMITS.maxOfferTtlMs) return no(r, 'invalid-expiry');
  const offer = newOffer(e);
  return ok({ ...r, pending: offer, offers: [...r.offers, offer] });
}
