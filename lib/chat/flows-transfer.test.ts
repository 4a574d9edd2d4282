// The transfer flows of design/product.md §The transfer, end to end: plan → publish → parse → fold → view.
// (Reordering, duplicates and replays are the property tests' job: convergence.test.ts.)
import { describe, expect, it } from 'vitest';
import { arbitrate } from './arbiter.ts';
import {
  planAccept,
  planCancel,
  planCreateRequest,
  planLinkContact,
  planMessage,
  planReject,
} from './commands.ts';
import { ANA, BO, CY, MAX, VISITOR, TIMEOUT, anasChat, offerToBo, lastRejection } from './flow-fixtures.ts';
import { RECEIVER_EXPIRY_DELAY_MS } from './limits.ts';

describe('transfer, accepted → the sender listens', () => {
  it('goes waiting-for → accepted → completed by the sender’s background → listening mode → close window', () => {
    const h = anasChat();
    expect(h.view(ANA).canTransfer).toBe(true);
    const expiresAt = offerToBo(h);
    expect(h.view(ANA)).toMatchObject({ highlight: { kind: 'waiting-for', to: 'bo' }, myRole: 'owner', canWrite: true, canCancel: true });
    expect(h.view(BO)).toMatchObject({
      highlight: { kind: 'transferred-to-you', from: 'ana' },
      myRole: 'offered-to',
      canRespond: true,
      canWrite: false,
      staySubscribed: true,
      pendingOffer: { note: 'Billing question', expiresAt, accepted: false },
    });
    // The receiver can read the conversation so far.
    expect(h.view(BO).transcript.map((m) => m.text)).toEqual(['Hello, my invoice is wrong', 'Hi, let me look']);
    expect(h.inbox.get('bo')).toMatchObject([{ type: 'transfer.offered', chatId: 'chat-1', transferId: 'tr-1' }]);

    h.run(planAccept(h.state, BO, h.now, 'tr-1'), BO);
    expect(h.state.register).toMatchObject({ owner: 'ana', pending: { status: 'accepted' } });
    expect(h.arbitrate(BO)).toEqual([]);
    const [completion] = h.arbitrate(ANA);
    expect(completion).toMatchObject({ name: 'transfer.completed', id: 'tr-1:completed:ana', data: { owner: 'bo', seq: 2 } });

    expect(h.state.register).toMatchObject({ owner: 'bo', seq: 2, pending: null, formerOwners: ['ana'] });
    expect(h.view(BO)).toMatchObject({ myRole: 'owner', canWrite: true, highlight: { kind: 'none' } });
    expect(h.view(ANA)).toMatchObject({ myRole: 'listening', canWrite: false, staySubscribed: true, canTransfer: false });
    expect(h.view(ANA).lastOffer).toMatchObject({ status: 'completed', to: 'bo' });
    expect(planMessage(h.state, ANA, h.now, 'still here?')).toEqual({ ok: false, reason: 'not-owner' });
    h.run(planMessage(h.state, VISITOR, h.now, 'Thanks'), VISITOR);
    expect(h.view(ANA).transcript.at(-1)?.text).toBe('Thanks');
    expect(h.view(ANA, { closed: true })).toMatchObject({ myRole: 'none', staySubscribed: false });
  });

  it('a late line from the former owner is shown but never counts as the agent’s reply', () => {
    const h = anasChat();
    offerToBo(h);
    h.run(planAccept(h.state, BO, h.now, 'tr-1'), BO);
    h.arbitrate(ANA);
    h.run(planMessage(h.state, VISITOR, h.now, 'Are you there?'), VISITOR);
    h.force('message', { text: 'Sent before I saw the transfer' }, ANA);
    const last = h.view(BO).transcript.at(-1);
    expect(last).toMatchObject({ clientId: 'ana', fromOwner: false, countsAsReply: false });
    expect(h.view(BO).awaitingReply).toBe(true);
    h.run(planMessage(h.state, BO, h.now, 'Yes, Bo here'), BO);
    expect(h.view(BO).awaitingReply).toBe(false);
  });
});

describe('transfer, rejected → the sender continues or creates a request', () => {
  it('clears the highlight, keeps the owner, lets the sender create a request and offer again', () => {
    const h = anasChat();
    offerToBo(h);
    h.run(planReject(h.state, BO, h.now, 'tr-1', 'Not my area'), BO);
    expect(h.state.register).toMatchObject({ owner: 'ana', seq: 1, pending: null });
    expect(h.state.register.offers[0]).toMatchObject({ status: 'rejected', reason: 'Not my area', resolvedBy: 'bo' });
    expect(h.view(ANA)).toMatchObject({ highlight: { kind: 'none' }, canWrite: true, canTransfer: true });
    expect(h.view(ANA).lastOffer).toMatchObject({ status: 'rejected', to: 'bo', reason: 'Not my area' });
    expect(h.view(BO)).toMatchObject({ highlight: { kind: 'none' }, myRole: 'none', staySubscribed: false });
    expect(h.arbitrate(ANA)).toEqual([]);
    h.run(planLinkContact(h.state, ANA, h.now, 'person-42', 'Jane Doe'), ANA);
    h.run(planCreateRequest(h.state, ANA, h.now, 'req-7', 'Invoice is wrong'), ANA);
    expect(h.view(BO)).toMatchObject({
      contact: { personId: 'person-42', displayName: 'Jane Doe', by: 'ana' },
      requests: [{ requestId: 'req-7', title: 'Invoice is wrong', by: 'ana' }],
    });
    expect(planCreateRequest(h.state, BO, h.now, 'req-8', null)).toEqual({ ok: false, reason: 'not-owner' });
    offerToBo(h, ANA, 'tr-2');
    expect(h.state.register.pending?.transferId).toBe('tr-2');
  });
});

describe('transfer, cancelled by the sender', () => {
  it('ends the offer; a late acceptance is refused and, if sent anyway, rejected by the fold', () => {
    const h = anasChat();
    offerToBo(h);
    h.run(planCancel(h.state, ANA, h.now, 'tr-1'), ANA);
    expect(h.state.register.offers[0]).toMatchObject({ status: 'cancelled', resolvedBy: 'ana' });
    expect(h.view(BO)).toMatchObject({ canRespond: false, highlight: { kind: 'none' } });
    expect(planAccept(h.state, BO, h.now, 'tr-1')).toEqual({ ok: false, reason: 'offer-not-pending' });
    h.force('transfer.accepted', { transferId: 'tr-1' }, BO);
    expect(lastRejection(h)).toEqual({ applied: false, reason: 'offer-not-pending' });
    expect(h.arbitrate(ANA)).toEqual([]);
    expect(h.state.register.owner).toBe('ana');
  });

  it('only the offerer (or a manager) may cancel, and not after acceptance', () => {
    const h = anasChat();
    offerToBo(h);
    expect(planCancel(h.state, CY, h.now, 'tr-1')).toEqual({ ok: false, reason: 'not-permitted' });
    h.run(planAccept(h.state, BO, h.now, 'tr-1'), BO);
    expect(planCancel(h.state, ANA, h.now, 'tr-1')).toEqual({ ok: false, reason: 'offer-accepted' });
  });
});

describe('transfer, expired', () => {
  it('the sender’s alarm expires an unanswered offer and the sender is told', () => {
    const h = anasChat();
    const expiresAt = offerToBo(h);
    expect(arbitrate(h.state, ANA, h.now)).toEqual({ publish: [], wakeAt: expiresAt });
    h.tick(TIMEOUT);
    expect(h.view(BO)).toMatchObject({ canRespond: false, highlight: { kind: 'none' }, pendingOffer: { overdue: true } });
    const [expiry] = h.arbitrate(ANA);
    expect(expiry).toMatchObject({ name: 'transfer.expired', id: 'tr-1:expired:ana' });
    expect(h.state.register.offers[0]).toMatchObject({ status: 'expired', resolvedBy: 'ana' });
    expect(h.view(ANA).lastOffer).toMatchObject({ status: 'expired', to: 'bo', reason: null });
    expect(h.now).toBeGreaterThanOrEqual(expiresAt);
  });

  it('an acceptance stamped after the deadline is rejected', () => {
    const h = anasChat();
    offerToBo(h);
    h.tick(TIMEOUT);
    h.force('transfer.accepted', { transferId: 'tr-1' }, BO);
    expect(lastRejection(h)).toEqual({ applied: false, reason: 'offer-expired' });
  });

  it('the receiver’s background expires it when the sender is gone; an early expiry is retried with a new id', () => {
    const h = anasChat();
    const expiresAt = offerToBo(h);
    expect(arbitrate(h.state, BO, h.now).wakeAt).toBe(expiresAt + RECEIVER_EXPIRY_DELAY_MS);
    // Bo's clock runs ahead of Ably's: the first expiry is stamped before the deadline and rejected.
    const [early] = h.arbitrate(BO, expiresAt + 5_000, expiresAt - 10);
    expect(early?.id).toBe('tr-1:expired:bo');
    expect(lastRejection(h)).toEqual({ applied: false, reason: 'not-yet-expired' });
    h.tick(TIMEOUT + RECEIVER_EXPIRY_DELAY_MS);
    const [retry] = h.arbitrate(BO);
    expect(retry?.id).toBe('tr-1:expired:bo:1');
    expect(h.state.register.offers[0]).toMatchObject({ status: 'expired', resolvedBy: 'bo' });
  });
});

describe('answering an offer', () => {
  it('only the receiver may answer an offer', () => {
    const h = anasChat();
    offerToBo(h);
    for (const [name, from] of [['transfer.accepted', CY], ['transfer.rejected', ANA], ['transfer.accepted', MAX]] as const) {
      h.force(name, { transferId: 'tr-1' }, from);
      expect(lastRejection(h)).toEqual({ applied: false, reason: 'not-offered-to-you' });
    }
    expect(planAccept(h.state, CY, h.now, 'tr-1')).toEqual({ ok: false, reason: 'not-offered-to-you' });
    expect(h.state.register.pending?.status).toBe('pending');
  });
});
