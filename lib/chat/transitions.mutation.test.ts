// Every rule of applyEvent, one at a time (issue 13: rules that could be removed without a failing test, found by
// mutation testing, docs/testing.md). Each case starts from an event that applies and changes one thing, so removing
// or loosening any single check makes exactly that case fail.
import { describe, expect, it } from 'vitest';
import type { LoggedEvent } from './events.ts';
import { LIMITS } from './limits.ts';
import type { Rejection } from './reasons.ts';
import { EMPTY_REGISTER, type Offer, type Register } from './register.ts';
import type { Principal } from './roles.ts';
import { agent, listener, manager, visitor } from './test-harness.ts';
import { applyEvent } from './transitions.ts';

const V = visitor('v');
const ANA = agent('ana');
const BO = agent('bo');
const CY = agent('cy');
const LIV = listener('liv');
const MAX = manager('max');

const T = 10_000;

function ev(type: LoggedEvent['type'], sender: Principal, fields: Record<string, unknown> = {}, timestamp = T): LoggedEvent {
  return { type, id: `${type}-${sender.clientId}-${timestamp}`, timestamp, clientId: sender.clientId, sender, ...fields } as LoggedEvent;
}

const QUEUED: Register = { ...EMPTY_REGISTER, visitorId: 'v' };
const OWNED: Register = { ...EMPTY_REGISTER, owner: 'ana', seq: 1, visitorId: 'v' };
const ENDED: Register = { ...OWNED, ended: { at: 1, by: 'ana', reason: null } };

function offer(extra: Partial<Offer> = {}): Offer {
  return {
    transferId: 'tr-1',
    from: 'ana',
    to: 'bo',
    note: '',
    seq: 1,
    offeredAt: T - 100,
    expiresAt: T + 30_000,
    status: 'pending',
    acceptedAt: null,
    resolvedAt: null,
    resolvedBy: null,
    reason: null,
    ...extra,
  };
}

function offered(extra: Partial<Offer> = {}): Register {
  const o = offer(extra);
  const open = o.status === 'pending' || o.status === 'accepted';
  return { ...OWNED, pending: open ? o : null, offers: [o] };
}

function rejects(register: Register, event: LoggedEvent, reason: Rejection) {
  const step = applyEvent(register, event);
  expect(step.outcome).toEqual({ applied: false, reason });
  expect(step.register).toBe(register);
}

function applies(register: Register, event: LoggedEvent): Register {
  const step = applyEvent(register, event);
  expect(step.outcome).toEqual({ applied: true });
  return step.register;
}

describe('visitor identity', () => {
  it('pins the first visitor and rejects another; agents are not pinned', () => {
    expect(applies(EMPTY_REGISTER, ev('message', V, { text: 'hi' })).visitorId).toBe('v');
    expect(applies(EMPTY_REGISTER, ev('claim', ANA)).visitorId).toBeNull();
    rejects(QUEUED, ev('message', visitor('w'), { text: 'hi' }), 'not-this-visitor');
    expect(applies(QUEUED, ev('message', V, { text: 'again' }))).toBe(QUEUED);
  });

  it('a rejected visitor event pins nobody', () => {
    const step = applyEvent(ENDED, ev('message', visitor('w'), { text: 'hi' }));
    expect(step.outcome.applied).toBe(false);
    expect(applyEvent({ ...ENDED, visitorId: null }, ev('message', V, { text: 'hi' })).register.visitorId).toBeNull();
  });
});

describe('message', () => {
  it('is refused once the chat has ended', () => {
    rejects(ENDED, ev('message', ANA, { text: 'late' }), 'chat-ended');
  });
});

describe('claim', () => {
  it('an agent claims a queued chat; its claim is recorded once', () => {
    const next = applies(QUEUED, ev('claim', ANA));
    expect(next.claims).toEqual([{ clientId: 'ana', eventId: `claim-ana-${T}`, at: T }]);
    rejects(next, ev('claim', ANA, {}, T + 1), 'duplicate-claim');
    expect(applies(next, ev('claim', BO)).claims.map((c) => c.clientId)).toEqual(['ana', 'bo']);
  });

  it('a visitor may not claim; nor anyone once assigned or ended', () => {
    rejects(QUEUED, ev('claim', V), 'not-permitted');
    rejects(OWNED, ev('claim', BO), 'already-assigned');
    rejects({ ...QUEUED, ended: ENDED.ended }, ev('claim', BO), 'chat-ended');
  });
});

describe('assigned', () => {
  it('the visitor’s widget assigns a queued chat at seq 1', () => {
    const next = applies(QUEUED, ev('assigned', V, { owner: 'ana', seq: 1, claimId: null }));
    expect(next).toMatchObject({ owner: 'ana', seq: 1 });
    expect(next.ownership).toEqual([{ seq: 1, owner: 'ana', previous: null, by: 'v', via: 'assigned', at: T, eventId: `assigned-v-${T}` }]);
  });

  it('only the visitor, only while open, only the next seq, only from the queue', () => {
    rejects(QUEUED, ev('assigned', ANA, { owner: 'ana', seq: 1, claimId: null }), 'not-permitted');
    rejects({ ...QUEUED, ended: ENDED.ended }, ev('assigned', V, { owner: 'ana', seq: 1, claimId: null }), 'chat-ended');
    rejects(QUEUED, ev('assigned', V, { owner: 'ana', seq: 2, claimId: null }), 'stale-seq');
    rejects(QUEUED, ev('assigned', V, { owner: 'ana', seq: 0, claimId: null }), 'stale-seq');
    rejects(OWNED, ev('assigned', V, { owner: 'bo', seq: 2, claimId: null }), 'already-assigned');
  });
});

describe('transfer.offered', () => {
  const offerFrom = (who: Principal, extra: Record<string, unknown> = {}, at = T) =>
    ev('transfer.offered', who, { transferId: 'tr-1', to: 'bo', note: 'n', expiresAt: at + 30_000, seq: 1, ...extra }, at);

  it('the owner offers; the offer is pending and listed', () => {
    const next = applies(OWNED, offerFrom(ANA));
    expect(next.pending).toMatchObject({ transferId: 'tr-1', from: 'ana', to: 'bo', status: 'pending', expiresAt: T + 30_000 });
    expect(next.offers).toEqual([next.pending]);
  });

  it('a manager may transfer someone else’s chat; another agent may not', () => {
    expect(applies(OWNED, offerFrom(MAX)).pending?.from).toBe('max');
    rejects(OWNED, offerFrom(BO, { to: 'cy' }), 'not-owner');
    rejects(OWNED, offerFrom(LIV, { to: 'cy' }), 'not-owner');
  });

  it('a transfer to oneself or to the owner is refused', () => {
    rejects(OWNED, offerFrom(ANA, { to: 'ana' }), 'self-transfer');
    rejects(OWNED, offerFrom(MAX, { to: 'max' }), 'self-transfer');
    rejects(OWNED, offerFrom(MAX, { to: 'ana' }), 'self-transfer');
  });

  it('a visitor, an ended or a queued chat, a stale seq are refused', () => {
    rejects(OWNED, offerFrom(V), 'not-permitted');
    rejects(ENDED, offerFrom(ANA), 'chat-ended');
    rejects(QUEUED, offerFrom(ANA, { seq: 0 }), 'not-assigned');
    rejects(OWNED, offerFrom(ANA, { seq: 0 }), 'stale-seq');
    rejects(OWNED, offerFrom(ANA, { seq: 2 }), 'stale-seq');
  });

  it('one offer at a time, and a transfer id is used once', () => {
    rejects(offered(), offerFrom(ANA, { transferId: 'tr-2', to: 'cy' }), 'offer-pending');
    rejects(offered({ status: 'accepted' }), offerFrom(ANA, { transferId: 'tr-2', to: 'cy' }), 'offer-pending');
    rejects(offered({ status: 'rejected' }), offerFrom(ANA, { to: 'cy' }), 'duplicate-transfer');
    expect(applies(offered({ status: 'rejected' }), offerFrom(ANA, { transferId: 'tr-2', to: 'cy' })).offers).toHaveLength(2);
  });

  it('the expiry lies after the offer and at most the longest offer time ahead', () => {
    rejects(OWNED, offerFrom(ANA, { expiresAt: T }), 'invalid-expiry');
    rejects(OWNED, offerFrom(ANA, { expiresAt: T - 1 }), 'invalid-expiry');
    applies(OWNED, offerFrom(ANA, { expiresAt: T + 1 }));
    const longest = LIMITS.maxOfferTtlMs;
    applies(OWNED, offerFrom(ANA, { expiresAt: T + longest }));
    rejects(OWNED, offerFrom(ANA, { expiresAt: T + longest + 1 }), 'invalid-expiry');
  });
});

describe('transfer.accepted and transfer.rejected', () => {
  it('the receiver accepts before the expiry: the offer is accepted, still pending', () => {
    const next = applies(offered(), ev('transfer.accepted', BO, { transferId: 'tr-1' }));
    expect(next.pending).toMatchObject({ status: 'accepted', acceptedAt: T });
    expect(next.offers[0]).toBe(next.pending);
  });

  it('the receiver rejects, with a reason that is kept', () => {
    const next = applies(offered(), ev('transfer.rejected', BO, { transferId: 'tr-1', reason: 'busy' }));
    expect(next.pending).toBeNull();
    expect(next.offers[0]).toMatchObject({ status: 'rejected', reason: 'busy', resolvedBy: 'bo', resolvedAt: T });
  });

  it('only the receiver, only for a known, open offer, only before it expires', () => {
    for (const type of ['transfer.accepted', 'transfer.rejected'] as const) {
      const answer = (who: Principal, at = T, transferId = 'tr-1') => ev(type, who, { transferId, reason: null }, at);
      rejects(offered(), answer(BO, T, 'tr-9'), 'unknown-transfer');
      rejects(offered(), answer(CY), 'not-offered-to-you');
      rejects(offered(), answer(ANA), 'not-offered-to-you');
      rejects(offered({ status: 'accepted' }), answer(BO), 'offer-accepted');
      rejects(offered({ status: 'cancelled' }), answer(BO), 'offer-not-pending');
      rejects(offered(), answer(BO, T + 30_000), 'offer-expired');
      applies(offered(), answer(BO, T + 29_999));
    }
  });
});

describe('transfer.cancelled', () => {
  const cancel = (who: Principal, transferId = 'tr-1') => ev('transfer.cancelled', who, { transferId });

  it('the offerer or a manager cancels an open offer', () => {
    expect(applies(offered(), cancel(ANA)).offers[0]).toMatchObject({ status: 'cancelled', resolvedBy: 'ana' });
    expect(applies(offered(), cancel(MAX)).pending).toBeNull();
  });

  it('nobody else, and not an unknown, accepted or ended offer', () => {
    rejects(offered(), cancel(BO), 'not-permitted');
    rejects(offered(), cancel(LIV), 'not-permitted');
    rejects(offered(), cancel(ANA, 'tr-9'), 'unknown-transfer');
    rejects(offered({ status: 'accepted' }), cancel(ANA), 'offer-accepted');
    rejects(offered({ status: 'expired' }), cancel(ANA), 'offer-not-pending');
  });
});

describe('transfer.expired', () => {
  const expire = (who: Principal, at = T + 30_000, transferId = 'tr-1') => ev('transfer.expired', who, { transferId }, at);

  it('the offerer, the receiver or a manager expires it once its time has come', () => {
    for (const who of [ANA, BO, MAX]) expect(applies(offered(), expire(who)).offers[0]).toMatchObject({ status: 'expired', resolvedBy: who.clientId });
    rejects(offered(), expire(ANA, T + 29_999), 'not-yet-expired');
  });

  it('nobody else, and not an unknown, accepted or ended offer', () => {
    rejects(offered(), expire(CY), 'not-permitted');
    rejects(offered(), expire(LIV), 'not-permitted');
    rejects(offered(), expire(ANA, T + 30_000, 'tr-9'), 'unknown-transfer');
    rejects(offered({ status: 'accepted' }), expire(ANA), 'offer-accepted');
    rejects(offered({ status: 'rejected' }), expire(ANA), 'offer-not-pending');
  });
});

describe('transfer.completed', () => {
  const complete = (who: Principal, extra: Record<string, unknown> = {}) => ev('transfer.completed', who, { transferId: 'tr-1', owner: 'bo', seq: 2, ...extra });

  it('the offerer completes an accepted (or, under skew, still pending) offer: the receiver owns the chat', () => {
    for (const status of ['accepted', 'pending'] as const) {
      const next = applies(offered({ status }), complete(ANA));
      expect(next).toMatchObject({ owner: 'bo', seq: 2, pending: null, formerOwners: ['ana'] });
      expect(next.offers[0]).toMatchObject({ status: 'completed' });
      expect(next.ownership.at(-1)).toMatchObject({ via: 'completed', previous: 'ana', owner: 'bo', seq: 2 });
    }
  });

  it('only the offerer, for the receiver, at the next seq, of a known open offer', () => {
    rejects(offered({ status: 'accepted' }), complete(BO), 'not-offerer');
    rejects(offered({ status: 'accepted' }), complete(MAX), 'not-offerer');
    rejects(offered({ status: 'accepted' }), complete(ANA, { owner: 'cy' }), 'owner-mismatch');
    rejects(offered({ status: 'accepted' }), complete(ANA, { seq: 1 }), 'stale-seq');
    rejects(offered({ status: 'accepted' }), complete(ANA, { seq: 3 }), 'stale-seq');
    rejects(offered({ status: 'accepted' }), complete(ANA, { transferId: 'tr-9' }), 'unknown-transfer');
    rejects(offered({ status: 'rejected' }), complete(ANA), 'offer-not-pending');
  });
});

describe('takeover', () => {
  const takeover = (who: Principal, extra: Record<string, unknown> = {}) => ev('takeover', who, { owner: who.clientId, seq: 2, ...extra });

  it('a manager takes a chat over, for themselves or another agent; a pending offer is superseded', () => {
    expect(applies(OWNED, takeover(MAX))).toMatchObject({ owner: 'max', seq: 2, formerOwners: ['ana'] });
    expect(applies(OWNED, takeover(MAX, { owner: 'bo' }))).toMatchObject({ owner: 'bo', seq: 2 });
    const next = applies(offered(), takeover(MAX));
    expect(next.pending).toBeNull();
    expect(next.offers[0]).toMatchObject({ status: 'superseded', reason: 'takeover' });
  });

  it('not by an agent or listener, not of an ended chat, not at a stale seq, not to the owner', () => {
    rejects(OWNED, takeover(BO), 'not-manager');
    rejects(OWNED, takeover(LIV), 'not-manager');
    rejects(OWNED, takeover(V, { owner: 'v' }), 'not-manager');
    rejects({ ...ENDED }, takeover(MAX), 'chat-ended');
    rejects(OWNED, takeover(MAX, { seq: 1 }), 'stale-seq');
    rejects(OWNED, takeover(MAX, { seq: 3 }), 'stale-seq');
    rejects(OWNED, takeover(MAX, { owner: 'ana' }), 'already-owner');
  });
});

describe('contact.linked and request.created', () => {
  it('the owner or a manager links a person (last writer wins)', () => {
    const linked = applies(OWNED, ev('contact.linked', ANA, { personId: '42', displayName: 'Anna' }));
    expect(linked.contact).toEqual({ personId: '42', displayName: 'Anna', by: 'ana' });
    expect(applies(linked, ev('contact.linked', MAX, { personId: '43', displayName: null })).contact).toEqual({ personId: '43', displayName: null, by: 'max' });
  });

  it('a non-owner may not link a person to someone else’s chat; a visitor may not link at all', () => {
    rejects(OWNED, ev('contact.linked', BO, { personId: '42', displayName: null }), 'not-owner');
    rejects(OWNED, ev('contact.linked', LIV, { personId: '42', displayName: null }), 'not-owner');
    rejects(OWNED, ev('contact.linked', V, { personId: '42', displayName: null }), 'not-permitted');
  });

  it('the owner or a manager records a request once; others may not', () => {
    const once = applies(OWNED, ev('request.created', ANA, { requestId: 'r1', title: 'T' }));
    expect(once.requests).toEqual([{ requestId: 'r1', title: 'T', by: 'ana' }]);
    expect(applies(once, ev('request.created', MAX, { requestId: 'r1', title: 'again' }))).toBe(once);
    expect(applies(once, ev('request.created', MAX, { requestId: 'r2', title: null })).requests).toHaveLength(2);
    rejects(OWNED, ev('request.created', BO, { requestId: 'r1', title: 'T' }), 'not-owner');
    rejects(OWNED, ev('request.created', V, { requestId: 'r1', title: 'T' }), 'not-permitted');
  });
});

describe('chat.ended', () => {
  const end = (who: Principal) => ev('chat.ended', who, { reason: 'done' });

  it('the owner, a manager or the visitor ends it; a pending offer is superseded', () => {
    for (const who of [ANA, MAX, V]) expect(applies(OWNED, end(who)).ended).toEqual({ at: T, by: who.clientId, reason: 'done' });
    const next = applies(offered(), end(ANA));
    expect(next.pending).toBeNull();
    expect(next.offers[0]).toMatchObject({ status: 'superseded', reason: 'ended', resolvedBy: 'ana' });
  });

  it('not by another agent, and only once', () => {
    rejects(OWNED, end(BO), 'not-owner');
    rejects(OWNED, end(LIV), 'not-owner');
    rejects(ENDED, end(ANA), 'chat-ended');
    rejects(ENDED, end(MAX), 'chat-ended');
  });
});
