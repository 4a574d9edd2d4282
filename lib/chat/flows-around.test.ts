// The other flows of design/product.md: the queue, manager takeover and transfer, listen-in, and the chat around
// a transfer (unread, typing, ending), end to end: plan → publish → parse → fold → view.
import { describe, expect, it } from 'vitest';
import { decideCompletion } from './arbiter.ts';
import {
  planAccept,
  planClaim,
  planCreateRequest,
  planEnd,
  planMessage,
  planOffer,
  planTakeover,
} from './commands.ts';
import { ANA, BO, CY, MAX, LIV, VISITOR, TIMEOUT, anasChat, offerToBo, lastRejection } from './flow-fixtures.ts';
import { createHarness, visitor } from './test-harness.ts';

describe('pick up from the queue', () => {
  it('the widget assigns the first valid claim; the chat is the claimer’s', () => {
    const h = createHarness();
    h.run(planMessage(h.state, VISITOR, h.now, 'Hi'), VISITOR);
    expect(h.view(ANA)).toMatchObject({ queued: true, canClaim: true, myRole: 'none', canWrite: false });
    h.run(planClaim(h.state, ANA, h.now), ANA);
    h.run(planClaim(h.state, BO, h.now), BO);
    expect(h.arbitrate(VISITOR)).toHaveLength(1);
    expect(h.state.register).toMatchObject({ owner: 'ana', seq: 1, visitorId: 'visitor-1' });
    expect(h.view(ANA)).toMatchObject({ myRole: 'owner', canWrite: true, queued: false, awaitingReply: true });
    expect(h.view(BO)).toMatchObject({ myRole: 'none', canWrite: false, canClaim: false, staySubscribed: false });
    expect(planClaim(h.state, CY, h.now)).toEqual({ ok: false, reason: 'already-assigned' });
    expect(h.arbitrate(VISITOR)).toEqual([]);
  });

  it('a visitor or a second widget decision cannot reassign it', () => {
    const h = anasChat();
    h.force('assigned', { owner: 'bo', seq: 1 }, VISITOR, 'again');
    expect(lastRejection(h)).toEqual({ applied: false, reason: 'stale-seq' });
    h.force('assigned', { owner: 'bo', seq: 1 }, visitor('visitor-2'));
    expect(lastRejection(h)).toEqual({ applied: false, reason: 'not-this-visitor' });
    expect(h.state.register.owner).toBe('ana');
  });
});

describe('manager takeover', () => {
  it('a manager takes any chat over; the former owner listens; a pending offer is superseded', () => {
    const h = anasChat();
    offerToBo(h);
    expect(h.view(MAX)).toMatchObject({ myRole: 'manager', canTakeOver: true, canWrite: false });
    h.run(planTakeover(h.state, MAX, h.now), MAX);
    expect(h.state.register).toMatchObject({ owner: 'max', seq: 2, pending: null, formerOwners: ['ana'] });
    expect(h.state.register.offers[0]).toMatchObject({ status: 'superseded', reason: 'takeover' });
    expect(h.state.register.ownership.at(-1)).toMatchObject({ via: 'takeover', previous: 'ana', by: 'max' });
    expect(h.view(MAX)).toMatchObject({ myRole: 'owner', canWrite: true });
    expect(h.view(ANA)).toMatchObject({ myRole: 'listening', canWrite: false });
    expect(h.view(BO)).toMatchObject({ myRole: 'none', canRespond: false });
  });

  it('a non-manager cannot take over: the command is refused and a forced event is rejected', () => {
    const h = anasChat();
    expect(planTakeover(h.state, BO, h.now)).toEqual({ ok: false, reason: 'not-manager' });
    h.force('takeover', { owner: 'bo', seq: 2 }, BO);
    expect(lastRejection(h)).toEqual({ applied: false, reason: 'not-manager' });
    h.force('takeover', { owner: 'bo', seq: 2 }, { ...BO, manager: false }, 'x');
    expect(h.state.register.owner).toBe('ana');
  });

  it('a takeover racing a completion for the same seq: the lower (timestamp, id) wins', () => {
    for (const takeoverFirst of [true, false]) {
      const h = anasChat();
      offerToBo(h);
      h.run(planAccept(h.state, BO, h.now, 'tr-1'), BO);
      // Both decided on the same state (seq 1): each writes seq 2.
      const completion = decideCompletion(h.state, ANA, h.now);
      const takeover = planTakeover(h.state, MAX, h.now);
      if (completion === undefined || !takeover.ok) throw new Error('both should be allowed');
      const publishCompletion = () => h.run({ ok: true, publish: [completion] }, ANA);
      const publishTakeover = () => h.run(takeover, MAX);
      if (takeoverFirst) [publishTakeover, publishCompletion].forEach((f) => f());
      else [publishCompletion, publishTakeover].forEach((f) => f());
      expect(h.state.register).toMatchObject({ owner: takeoverFirst ? 'max' : 'bo', seq: 2 });
      expect(lastRejection(h)).toEqual({ applied: false, reason: takeoverFirst ? 'offer-not-pending' : 'stale-seq' });
      expect(h.state.register.offers[0]?.status).toBe(takeoverFirst ? 'superseded' : 'completed');
    }
  });
});

describe('manager transfers someone else’s chat', () => {
  it('the manager offers Ana’s chat to Bo, Bo accepts, the manager’s background completes it', () => {
    const h = anasChat();
    expect(h.view(MAX).canTransfer).toBe(true);
    offerToBo(h, MAX);
    expect(h.view(ANA).highlight).toEqual({ kind: 'waiting-for', to: 'bo' });
    expect(h.view(BO).highlight).toEqual({ kind: 'transferred-to-you', from: 'max' });
    h.run(planAccept(h.state, BO, h.now, 'tr-1'), BO);
    expect(h.arbitrate(ANA)).toEqual([]);
    h.force('transfer.completed', { transferId: 'tr-1', owner: 'bo', seq: 2 }, ANA);
    expect(lastRejection(h)).toEqual({ applied: false, reason: 'not-offerer' });
    expect(h.arbitrate(MAX)).toHaveLength(1);
    expect(h.state.register).toMatchObject({ owner: 'bo', seq: 2, formerOwners: ['ana'] });
    expect(h.view(ANA).myRole).toBe('listening');
  });

  it('an agent who is not the owner cannot offer the chat', () => {
    const h = anasChat();
    expect(planOffer(h.state, CY, h.now, { to: 'bo', note: '', transferId: 'x', timeoutMs: TIMEOUT })).toEqual({ ok: false, reason: 'not-owner' });
  });
});

describe('listen in from the Dashboard', () => {
  it('a Can-listen-in user watches silently and cannot write; others without the claim cannot', () => {
    const h = anasChat();
    expect(h.view(LIV, { watching: true })).toMatchObject({ myRole: 'listening', canWrite: false, staySubscribed: true, unread: 2 });
    expect(h.view(LIV, { watching: true, closed: true })).toMatchObject({ myRole: 'none', staySubscribed: false });
    expect(h.view(BO, { watching: true })).toMatchObject({ myRole: 'none', staySubscribed: false });
    expect(planMessage(h.state, LIV, h.now, 'psst')).toEqual({ ok: false, reason: 'not-owner' });
    // Nothing was published by watching: the agent is not told.
    expect(h.state.size).toBe(4);
  });
});

describe('around the transfer', () => {
  it('unread counts follow the read marker and skip my own lines', () => {
    const h = anasChat();
    const [first] = h.view(ANA).transcript;
    expect(h.view(ANA).unread).toBe(1);
    expect(h.view(ANA, { readMarker: first }).unread).toBe(0);
    h.run(planMessage(h.state, VISITOR, h.now, 'One'), VISITOR);
    h.run(planMessage(h.state, VISITOR, h.now, 'Two'), VISITOR);
    expect(h.view(ANA, { readMarker: first }).unread).toBe(2);
  });

  it('typing shows for the visitor and the owner, ends with a message or after the TTL', () => {
    const h = anasChat();
    h.force('typing', { typing: true }, VISITOR);
    expect(h.view(ANA).typing).toEqual(['visitor-1']);
    expect(h.view(VISITOR).typing).toEqual([]);
    h.force('typing', { typing: true }, CY);
    expect(h.view(ANA).typing).toEqual(['visitor-1']);
    h.run(planMessage(h.state, VISITOR, h.now, 'done typing'), VISITOR);
    expect(h.view(ANA).typing).toEqual([]);
    h.force('typing', { typing: true }, VISITOR);
    h.tick(60_000);
    expect(h.view(ANA).typing).toEqual([]);
  });

  it('ending the chat supersedes a pending offer and closes the chat to new lines', () => {
    const h = anasChat();
    offerToBo(h);
    h.run(planEnd(h.state, ANA, h.now), ANA);
    expect(h.state.register.offers[0]).toMatchObject({ status: 'superseded', reason: 'ended' });
    expect(h.view(ANA)).toMatchObject({ ended: true, canWrite: false, myRole: 'owner' });
    expect(planMessage(h.state, VISITOR, h.now, 'hello?')).toEqual({ ok: false, reason: 'chat-ended' });
    h.force('message', { text: 'hello?' }, VISITOR);
    expect(lastRejection(h)).toEqual({ applied: false, reason: 'chat-ended' });
    expect(planEnd(h.state, BO, h.now)).toEqual({ ok: false, reason: 'chat-ended' });
    // Post-chat work still works: link the person and create the request.
    h.run(planCreateRequest(h.state, ANA, h.now, 'req-1', null), ANA);
  });

  it('only the owner, a manager or the visitor may end it', () => {
    const h = anasChat();
    expect(planEnd(h.state, BO, h.now)).toEqual({ ok: false, reason: 'not-owner' });
    h.run(planEnd(h.state, VISITOR, h.now, 'left'), VISITOR);
    expect(h.state.register.ended).toMatchObject({ by: 'visitor-1', reason: 'left' });
  });
});
