// What each viewer may do and sees, one condition at a time: the view's rules that mutation testing found unpinned
// (docs/testing.md). The chat is Ana's (anasChat); Bo and Cy are agents, Liv a listener, Max a manager.
import { describe, expect, it } from 'vitest';
import { planAccept, planClaim, planEnd, planMessage, planOffer, planReject, planTyping } from './commands.ts';
import { ANA, BO, CY, LIV, MAX, TIMEOUT, VISITOR, anasChat, offerToBo } from './flow-fixtures.ts';
import { TYPING_TTL_MS } from './limits.ts';
import type { Principal } from './roles.ts';
import { createHarness } from './test-harness.ts';
import { unreadCount } from './view.ts';

/** A chat Ana picked up before anyone wrote a line, in which `typist` has started typing. */
function silentChatWithTypist(typist: Principal) {
  const h = createHarness();
  h.run(planClaim(h.state, ANA, h.now), ANA);
  h.arbitrate(VISITOR);
  h.run(planTyping(h.state, typist, h.now, true), typist);
  return h;
}

describe('permissions', () => {
  it('a queued chat: agents may claim once; nobody may transfer it', () => {
    const h = createHarness();
    h.run(planMessage(h.state, VISITOR, h.now, 'Hi'), VISITOR);
    expect(h.view(ANA)).toMatchObject({ canClaim: true, canTransfer: false, queued: true });
    h.run(planClaim(h.state, ANA, h.now), ANA);
    expect(h.view(ANA).canClaim).toBe(false);
    expect(h.view(BO).canClaim).toBe(true);
    expect(h.view(VISITOR).canClaim).toBe(false);
    expect(h.view(MAX).canTransfer).toBe(false);
  });

  it('who may write, transfer, take over and end an open chat', () => {
    const h = anasChat();
    expect(h.view(ANA)).toMatchObject({ canWrite: true, canTransfer: true, canTakeOver: false, canEnd: true, staySubscribed: true });
    expect(h.view(VISITOR)).toMatchObject({ canWrite: true, canTransfer: false, canTakeOver: false, canEnd: true, staySubscribed: true });
    expect(h.view(MAX)).toMatchObject({ canWrite: false, canTransfer: true, canTakeOver: true, canEnd: true, staySubscribed: true });
    expect(h.view(LIV)).toMatchObject({ canWrite: false, canTransfer: false, canTakeOver: false, canEnd: false, staySubscribed: false });
    expect(h.view(BO)).toMatchObject({ canWrite: false, canTransfer: false, canTakeOver: false, canEnd: false, staySubscribed: false });
    // An assigned chat is out of the queue: nobody claims it any more.
    expect(h.view(BO).canClaim).toBe(false);
  });

  it('an ended chat: nobody writes, transfers, takes over or ends it again', () => {
    const h = anasChat();
    h.run(planEnd(h.state, ANA, h.now), ANA);
    for (const who of [ANA, VISITOR, MAX]) {
      expect(h.view(who)).toMatchObject({ ended: true, queued: false, canWrite: false, canTransfer: false, canTakeOver: false, canEnd: false });
    }
    expect(h.view(ANA).myRole).toBe('owner');
  });

  it('a pending offer: no second transfer; the receiver answers until the deadline; the sender or a manager cancels', () => {
    const h = anasChat();
    const expiresAt = offerToBo(h);
    expect(h.view(ANA)).toMatchObject({ canTransfer: false, canCancel: true, canRespond: false });
    expect(h.view(BO)).toMatchObject({ myRole: 'offered-to', canRespond: true, canCancel: false });
    expect(h.view(MAX)).toMatchObject({ canCancel: true, canRespond: false });
    expect(h.view(CY)).toMatchObject({ canCancel: false, canRespond: false });
    expect(h.view(BO, { now: expiresAt })).toMatchObject({ canRespond: false, pendingOffer: { overdue: true, accepted: false } });
    expect(h.view(BO, { now: expiresAt - 1 }).pendingOffer).toEqual({
      transferId: 'tr-1',
      from: 'ana',
      to: 'bo',
      note: 'Billing question',
      // Stamped by "Ably" a millisecond after the plan's clock.
      offeredAt: expiresAt - TIMEOUT + 1,
      expiresAt,
      accepted: false,
      overdue: false,
    });
    h.run(planAccept(h.state, BO, h.now, 'tr-1'), BO);
    expect(h.view(BO)).toMatchObject({ canRespond: false, pendingOffer: { accepted: true } });
    expect(h.view(ANA).canCancel).toBe(false);
  });
});

describe('my role', () => {
  it('the visitor is none; a former owner listens until they close the window', () => {
    const h = anasChat();
    offerToBo(h);
    h.run(planAccept(h.state, BO, h.now, 'tr-1'), BO);
    h.arbitrate(ANA);
    expect(h.view(VISITOR).myRole).toBe('none');
    expect(h.view(BO).myRole).toBe('owner');
    expect(h.view(ANA).myRole).toBe('listening');
    expect(h.view(ANA, { closed: true })).toMatchObject({ myRole: 'none', staySubscribed: false });
  });

  it('a listener listens only while watching and not closed; watching alone gives an agent nothing', () => {
    const h = anasChat();
    expect(h.view(LIV, { watching: true }).myRole).toBe('listening');
    expect(h.view(LIV, { watching: true, closed: true }).myRole).toBe('none');
    expect(h.view(LIV).myRole).toBe('none');
    expect(h.view(BO, { watching: true }).myRole).toBe('none');
    expect(h.view(MAX, { closed: true }).myRole).toBe('manager');
  });
});

describe('highlight and the last offer', () => {
  it('the receiver sees "transferred to you", the sender and the owner "waiting for", others nothing', () => {
    const h = anasChat();
    offerToBo(h, MAX);
    expect(h.view(BO).highlight).toEqual({ kind: 'transferred-to-you', from: 'max' });
    expect(h.view(MAX).highlight).toEqual({ kind: 'waiting-for', to: 'bo' });
    expect(h.view(ANA).highlight).toEqual({ kind: 'waiting-for', to: 'bo' });
    expect(h.view(CY).highlight).toEqual({ kind: 'none' });
  });

  it('an overdue offer highlights nothing unless it was accepted (the completion is on its way)', () => {
    const h = anasChat();
    const expiresAt = offerToBo(h);
    expect(h.view(BO, { now: expiresAt }).highlight).toEqual({ kind: 'none' });
    h.run(planAccept(h.state, BO, h.now, 'tr-1'), BO);
    expect(h.view(BO, { now: expiresAt }).highlight).toEqual({ kind: 'transferred-to-you', from: 'ana' });
  });

  it('the sender is shown the receiver’s rejection with its reason; a bystander nothing', () => {
    const h = anasChat();
    offerToBo(h);
    expect(h.view(ANA).lastOffer).toBeNull();
    h.run(planReject(h.state, BO, h.now, 'tr-1', 'In a call'), BO);
    const at = h.now;
    expect(h.view(ANA).lastOffer).toEqual({ transferId: 'tr-1', status: 'rejected', from: 'ana', to: 'bo', at, reason: 'In a call', cause: null });
    expect(h.view(BO).lastOffer).toMatchObject({ status: 'rejected' });
    expect(h.view(CY).lastOffer).toBeNull();
  });

  it('the latest offer I was part of counts, not one between others after it', () => {
    const h = anasChat();
    offerToBo(h);
    h.run(planReject(h.state, BO, h.now, 'tr-1', null), BO);
    h.run(planOffer(h.state, ANA, h.now, { to: 'cy', note: '', transferId: 'tr-2', timeoutMs: TIMEOUT }), ANA);
    h.run(planReject(h.state, CY, h.now, 'tr-2', 'No'), CY);
    expect(h.view(BO).lastOffer).toMatchObject({ transferId: 'tr-1', reason: null });
    expect(h.view(ANA).lastOffer).toMatchObject({ transferId: 'tr-2', reason: 'No' });
  });

  it('a cancelled offer carries no reason', () => {
    const h = anasChat();
    offerToBo(h);
    h.force('transfer.cancelled', { transferId: 'tr-1' }, ANA);
    expect(h.view(BO).lastOffer).toMatchObject({ status: 'cancelled', reason: null });
  });
});

describe('transcript facts', () => {
  it('unread counts lines after the marker that others wrote', () => {
    const h = anasChat();
    const transcript = h.view(ANA).transcript;
    expect(unreadCount(transcript, 'ana', null)).toBe(1);
    expect(unreadCount(transcript, 'bo', null)).toBe(2);
    expect(unreadCount(transcript, 'bo', transcript[0]!)).toBe(1);
    expect(unreadCount(transcript, 'bo', transcript[1]!)).toBe(0);
    expect(h.view(BO, { readMarker: transcript[0]! }).unread).toBe(1);
  });

  it('awaiting a reply: after the visitor wrote, until the owner answers', () => {
    const h = createHarness();
    expect(h.view(ANA).awaitingReply).toBe(false);
    h.run(planMessage(h.state, VISITOR, h.now, 'Hi'), VISITOR);
    expect(h.view(ANA).awaitingReply).toBe(true);
    h.run(planClaim(h.state, ANA, h.now), ANA);
    h.arbitrate(VISITOR);
    h.run(planMessage(h.state, ANA, h.now, 'Hello'), ANA);
    expect(h.view(ANA).awaitingReply).toBe(false);
  });

  it('typing: the visitor and the owner, not me, not others, not after the TTL, until they send', () => {
    const h = anasChat();
    h.run(planTyping(h.state, VISITOR, h.now, true), VISITOR);
    h.run(planTyping(h.state, LIV, h.now, true), LIV);
    expect(h.view(ANA).typing).toEqual(['visitor-1']);
    expect(h.view(VISITOR).typing).toEqual([]);
    // Someone else's line does not end the visitor's typing; the visitor's own does.
    h.run(planMessage(h.state, ANA, h.now, 'Take your time'), ANA);
    expect(h.view(ANA).typing).toEqual(['visitor-1']);
    expect(h.view(ANA, { now: h.now + TYPING_TTL_MS }).typing).toEqual([]);
    h.run(planTyping(h.state, ANA, h.now, true), ANA);
    expect(h.view(VISITOR).typing).toEqual(['ana']);
    expect(h.view(BO).typing).toEqual(['ana', 'visitor-1']);
    h.run(planMessage(h.state, VISITOR, h.now, 'Done'), VISITOR);
    expect(h.view(BO).typing).toEqual(['ana']);
    h.run(planTyping(h.state, ANA, h.now, false), ANA);
    expect(h.view(BO).typing).toEqual([]);
  });

  it('typing that started before every line of the transcript lasts while only others write', () => {
    const h = silentChatWithTypist(ANA);
    h.run(planMessage(h.state, VISITOR, h.now, 'Hello?'), VISITOR);
    expect(h.view(VISITOR).typing).toEqual(['ana']);
  });

  it('typing ends at exactly the TTL after the signal', () => {
    const h = anasChat();
    h.run(planTyping(h.state, VISITOR, h.now, true), VISITOR);
    const at = h.now;
    expect(h.view(ANA, { now: at + TYPING_TTL_MS - 1 }).typing).toEqual(['visitor-1']);
    expect(h.view(ANA, { now: at + TYPING_TTL_MS }).typing).toEqual([]);
  });

  it('the typist’s own line ends the typing even when it is the only line, or others wrote after it', () => {
    const h = silentChatWithTypist(VISITOR);
    h.run(planMessage(h.state, VISITOR, h.now, 'First'), VISITOR);
    expect(h.view(ANA).typing).toEqual([]);
    h.run(planMessage(h.state, ANA, h.now, 'Hello'), ANA);
    expect(h.view(ANA).typing).toEqual([]);
  });
});

describe('more of the view', () => {
  it('a line from someone other than the owner is not the reply the visitor waits for, nor does it hide one', () => {
    const h = anasChat();
    expect(h.view(ANA).awaitingReply).toBe(false);
    h.force('message', { text: 'Listening in' }, LIV);
    expect(h.view(ANA).awaitingReply).toBe(false);
    h.run(planMessage(h.state, VISITOR, h.now, 'Hello?'), VISITOR);
    h.force('message', { text: 'Still listening' }, LIV);
    expect(h.view(ANA).awaitingReply).toBe(true);
  });

  it('a manager who owns the chat cannot take it over again', () => {
    const h = anasChat();
    h.force('takeover', { owner: 'max', seq: 2 }, MAX);
    expect(h.view(MAX)).toMatchObject({ myRole: 'owner', canTakeOver: false });
  });

  it('an offer superseded by a take-over shows no reason to its sender', () => {
    const h = anasChat();
    offerToBo(h);
    h.force('takeover', { owner: 'max', seq: 2 }, MAX);
    expect(h.view(ANA).lastOffer).toMatchObject({ status: 'superseded', reason: null });
  });
});

