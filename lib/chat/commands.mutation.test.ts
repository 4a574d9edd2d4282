// The plans' own checks before the fold's (input bounds, who may write), the ids they use, and the small helpers
// around them: the cases mutation testing found unpinned (docs/testing.md).
import { describe, expect, it } from 'vitest';
import {
  planAccept,
  planCancel,
  planClaim,
  planCreateRequest,
  planEnd,
  planLinkContact,
  planMessage,
  planOffer,
  planReject,
  planTakeover,
  planTyping,
} from './commands.ts';
import { messageId } from './control-ids.ts';
import { withoutBidiControls } from './display-text.ts';
import { ANA, BO, MAX, TIMEOUT, VISITOR, anasChat, offerToBo } from './flow-fixtures.ts';
import { LIMITS } from './limits.ts';
import { createHarness } from './test-harness.ts';

const offer = (input: Partial<{ to: string; note: string; transferId: string }>) => {
  const h = anasChat();
  return planOffer(h.state, ANA, h.now, { to: 'bo', note: '', transferId: 'tr-1', timeoutMs: TIMEOUT, ...input });
};

describe('input bounds', () => {
  it('an offer needs a well-formed transfer id, receiver and note', () => {
    expect(offer({}).ok).toBe(true);
    expect(offer({ transferId: 'has space' })).toEqual({ ok: false, reason: 'invalid-input' });
    expect(offer({ transferId: 'x'.repeat(65) })).toEqual({ ok: false, reason: 'invalid-input' });
    expect(offer({ note: 'n'.repeat(LIMITS.note + 1) })).toEqual({ ok: false, reason: 'invalid-input' });
    expect(offer({ note: 'n'.repeat(LIMITS.note) }).ok).toBe(true);
    expect(offer({ to: '' })).toEqual({ ok: false, reason: 'invalid-input' });
    expect(offer({ to: 'b'.repeat(LIMITS.clientId + 1) })).toEqual({ ok: false, reason: 'invalid-input' });
  });

  it('an answer or a cancel needs a well-formed transfer id', () => {
    const h = anasChat();
    offerToBo(h);
    expect(planAccept(h.state, BO, h.now, 'not valid!')).toEqual({ ok: false, reason: 'invalid-input' });
    expect(planReject(h.state, BO, h.now, '')).toEqual({ ok: false, reason: 'invalid-input' });
    expect(planCancel(h.state, ANA, h.now, 'tr 1')).toEqual({ ok: false, reason: 'invalid-input' });
    expect(planCancel(h.state, ANA, h.now, 'tr-1').ok).toBe(true);
  });

  it('a rejection reason and an end reason have a length limit; at the limit they pass', () => {
    const h = anasChat();
    offerToBo(h);
    expect(planReject(h.state, BO, h.now, 'tr-1', 'r'.repeat(LIMITS.rejectReason + 1))).toEqual({ ok: false, reason: 'invalid-input' });
    const atLimit = planReject(h.state, BO, h.now, 'tr-1', 'r'.repeat(LIMITS.rejectReason));
    expect(atLimit.ok && atLimit.publish[0]?.data).toEqual({ transferId: 'tr-1', reason: 'r'.repeat(LIMITS.rejectReason) });
    expect(planEnd(h.state, ANA, h.now, 'e'.repeat(LIMITS.endReason + 1))).toEqual({ ok: false, reason: 'invalid-input' });
    const ended = planEnd(h.state, ANA, h.now, 'e'.repeat(LIMITS.endReason));
    expect(ended.ok && ended.publish[0]).toMatchObject({ name: 'chat.ended', id: 'chat-1:ended:ana', data: { reason: 'e'.repeat(LIMITS.endReason) } });
  });

  it('a linked person and a recorded request need an id within bounds', () => {
    const h = anasChat();
    expect(planLinkContact(h.state, ANA, h.now, '', null)).toEqual({ ok: false, reason: 'invalid-input' });
    expect(planLinkContact(h.state, ANA, h.now, '42', 'd'.repeat(LIMITS.displayName + 1))).toEqual({ ok: false, reason: 'invalid-input' });
    expect(planCreateRequest(h.state, ANA, h.now, '', 'T')).toEqual({ ok: false, reason: 'invalid-input' });
    expect(planCreateRequest(h.state, ANA, h.now, 'r1', 't'.repeat(LIMITS.title + 1))).toEqual({ ok: false, reason: 'invalid-input' });
    const recorded = planCreateRequest(h.state, ANA, h.now, 'r1', 'T');
    expect(recorded.ok && recorded.publish[0]).toEqual({ channel: 'chat:chat-1', name: 'request.created', id: 'chat-1:r1:request:ana', data: { requestId: 'r1', title: 'T' } });
  });

  it('a blank or oversized message is refused; the visitor writes without owning the chat', () => {
    const h = anasChat();
    expect(planMessage(h.state, ANA, h.now, '   ')).toEqual({ ok: false, reason: 'invalid-input' });
    expect(planMessage(h.state, ANA, h.now, 'x'.repeat(LIMITS.text + 1))).toEqual({ ok: false, reason: 'invalid-input' });
    expect(planMessage(h.state, VISITOR, h.now, 'Still there?').ok).toBe(true);
    expect(planMessage(h.state, BO, h.now, 'Hi')).toEqual({ ok: false, reason: 'not-owner' });
  });
});

describe('what the plans publish', () => {
  it('a claim has one id per chat and agent, so a repeated claim is de-duplicated', () => {
    const h = createHarness();
    h.run(planMessage(h.state, VISITOR, h.now, 'Hi'), VISITOR);
    const claim = planClaim(h.state, ANA, h.now);
    expect(claim.ok && claim.publish).toEqual([{ channel: 'chat:chat-1', name: 'claim', id: 'chat-1:claim:ana', data: {} }]);
  });

  it('typing goes on the chat without an id', () => {
    const h = createHarness('chat-7');
    expect(planTyping(h.state, ANA, h.now, false)).toEqual({ ok: true, publish: [{ channel: 'chat:chat-7', name: 'typing', id: undefined, data: { typing: false } }] });
  });

  it('an offer is published with a deterministic id and noticed in the receiver’s inbox', () => {
    const h = anasChat();
    const plan = offer({ note: 'Billing' });
    expect(plan.ok && plan.publish).toEqual([
      { channel: 'chat:chat-1', name: 'transfer.offered', id: 'tr-1:offered:ana', data: { transferId: 'tr-1', to: 'bo', note: 'Billing', expiresAt: h.now + TIMEOUT, seq: 1 } },
      { channel: 'inbox:bo', name: 'transfer.offered', id: 'tr-1:offer-notice:ana', data: { chatId: 'chat-1', transferId: 'tr-1', expiresAt: h.now + TIMEOUT, note: 'Billing' } },
    ]);
  });

  it('a forced transfer tells the new owner in their inbox; taking it over oneself tells nobody', () => {
    const h = anasChat();
    const forced = planTakeover(h.state, MAX, h.now, 'bo');
    expect(forced.ok && forced.publish).toEqual([
      { channel: 'chat:chat-1', name: 'takeover', id: 'chat-1:2:takeover:max', data: { owner: 'bo', seq: 2 } },
      { channel: 'inbox:bo', name: 'chat.assigned', id: 'chat-1:2:assigned-notice:max', data: { chatId: 'chat-1', seq: 2 } },
    ]);
    const own = planTakeover(h.state, MAX, h.now);
    expect(own.ok && own.publish.map((p) => p.channel)).toEqual(['chat:chat-1']);
  });

  it('an answer retried after the fold rejected my earlier one gets a fresh id (Ably would drop the old one)', () => {
    const h = anasChat();
    h.force('transfer.cancelled', { transferId: 'tr-1' }, ANA, 'tr-1:cancelled:ana');
    offerToBo(h);
    const retry = planCancel(h.state, ANA, h.now, 'tr-1');
    expect(retry.ok && retry.publish[0]?.id).toBe('tr-1:cancelled:ana:1');
    const first = planAccept(h.state, BO, h.now, 'tr-1');
    expect(first.ok && first.publish).toEqual([
      { channel: 'inbox:ana', name: 'transfer.accepted', id: 'tr-1:accepted-notice:bo', data: { chatId: 'chat-1', transferId: 'tr-1' }, hint: true },
      { channel: 'chat:chat-1', name: 'transfer.accepted', id: 'tr-1:accepted:bo', data: { transferId: 'tr-1' } },
    ]);
  });

  it('an acceptance retried after the fold rejected the first sends its inbox notice under a fresh id too', () => {
    const h = anasChat();
    h.force('transfer.accepted', { transferId: 'tr-1' }, BO, 'tr-1:accepted:bo');
    offerToBo(h);
    const retry = planAccept(h.state, BO, h.now, 'tr-1');
    expect(retry.ok && retry.publish.map((p) => p.id)).toEqual(['tr-1:accepted-notice:bo:1', 'tr-1:accepted:bo:1']);
  });
});

describe('ids and display text', () => {
  it('a message id is the session prefix and the counter', () => {
    expect(messageId('s1', 7)).toBe('s1:7');
  });

  it('bidi overrides, embeddings and isolates are removed from display text; other characters stay', () => {
    expect(withoutBidiControls('Mal\u202Eyrol\u202A\u202B\u202C\u202D\u2066\u2067\u2068\u2069 æøå ‏')).toBe('Malyrol æøå ‏');
    expect(withoutBidiControls('plain')).toBe('plain');
  });
});
