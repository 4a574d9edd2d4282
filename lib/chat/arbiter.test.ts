import { describe, expect, it } from 'vitest';
import { arbitrate, decideAssignment } from './arbiter.ts';
import { planAccept, planClaim } from './commands.ts';
import { ANA, BO, CY, MAX, VISITOR, anasChat, offerToBo } from './flow-fixtures.ts';
import { RECEIVER_EXPIRY_DELAY_MS } from './limits.ts';
import type { AcceptanceNotice } from './events.ts';
import { logOf } from './fold.ts';
import { chatsFromInbox } from './parse-inbox-event.ts';
import { envelope, inboxChannel, toPublish } from './publish.ts';
import type { Principal } from './roles.ts';
import { createHarness, type Harness } from './test-harness.ts';

describe('arbitrate', () => {
  it('decides the same publishes, with the same ids, from the same state (a restarted worker repeats itself)', () => {
    const h = anasChat();
    offerToBo(h);
    h.run(planAccept(h.state, BO, h.now, 'tr-1'), BO);
    const first = arbitrate(h.state, ANA, h.now);
    expect(arbitrate(h.state, ANA, h.now + 10_000).publish.map((p) => [p.id, p.data])).toEqual(first.publish.map((p) => [p.id, p.data]));
    expect(first.publish).toEqual([
      { channel: 'chat:chat-1', name: 'transfer.completed', id: 'tr-1:completed:ana', data: { transferId: 'tr-1', owner: 'bo', seq: 2 } },
    ]);
  });

  it('leaves the widget silent once the chat has an owner, and agents silent about assignment', () => {
    const h = createHarness();
    expect(arbitrate(h.state, VISITOR, h.now)).toEqual({ publish: [], wakeAt: null });
    h.run(planClaim(h.state, ANA, h.now), ANA);
    expect(decideAssignment(h.state, ANA, h.now).publish).toEqual([]);
    expect(decideAssignment(h.state, VISITOR, h.now).publish).toMatchObject([{ id: 'chat-1:assigned:visitor-1', data: { owner: 'ana', seq: 1 } }]);
    h.arbitrate(VISITOR);
    expect(arbitrate(h.state, VISITOR, h.now).publish).toEqual([]);
  });

  it('wakes the sender at the deadline and the receiver a little later; nobody else', () => {
    const h = anasChat();
    const expiresAt = offerToBo(h);
    expect(arbitrate(h.state, ANA, h.now).wakeAt).toBe(expiresAt);
    expect(arbitrate(h.state, BO, h.now).wakeAt).toBe(expiresAt + RECEIVER_EXPIRY_DELAY_MS);
    expect(arbitrate(h.state, CY, expiresAt + 60_000)).toEqual({ publish: [], wakeAt: null });
    expect(arbitrate(h.state, MAX, expiresAt + 60_000)).toEqual({ publish: [], wakeAt: null });
    expect(arbitrate(h.state, BO, expiresAt + 1).publish).toEqual([]);
  });

  it('does not expire an accepted offer: the sender completes it instead', () => {
    const h = anasChat();
    const expiresAt = offerToBo(h);
    h.run(planAccept(h.state, BO, h.now, 'tr-1'), BO);
    expect(arbitrate(h.state, BO, expiresAt + 60_000).publish).toEqual([]);
    expect(arbitrate(h.state, ANA, expiresAt + 60_000).publish.map((p) => p.name)).toEqual(['transfer.completed']);
  });
});

describe('an acceptance told to the offerer’s inbox', () => {
  /** Bo's Accept as far as its inbox notice: the log's copy is still waiting for Bo's token. */
  const acceptNoticeOnly = (h: Harness) => {
    const plan = planAccept(h.state, BO, h.now, 'tr-1');
    if (!plan.ok) throw new Error('expected Bo to be able to accept');
    h.run({ ok: true, publish: plan.publish.filter((item) => item.hint) }, BO);
    return { logCopy: { ok: true as const, publish: plan.publish.filter((item) => !item.hint) }, notice: noticeIn(h) };
  };
  const noticeIn = (h: Harness): AcceptanceNotice => {
    const notice = h.inbox.get('ana')?.findLast((candidate) => candidate.type === 'transfer.accepted');
    if (notice?.type !== 'transfer.accepted') throw new Error('expected an acceptance in Ana’s inbox');
    return notice;
  };
  /** What a colleague could publish to Ana's inbox by hand (Ably stamps their own clientId on it). */
  const forged = (h: Harness, from: Principal, data: { chatId: string; transferId: string }) => {
    const id = `forged:${from.clientId}:${data.transferId}`;
    h.run({ ok: true, publish: [toPublish(inboxChannel('ana'), { type: 'transfer.accepted', ...envelope(from, h.now, id), ...data }, id)] }, from);
    return noticeIn(h);
  };

  it('lets the offerer complete before the log has the acceptance, and the log’s copy then changes nothing', () => {
    const h = anasChat();
    offerToBo(h);
    const { logCopy, notice } = acceptNoticeOnly(h);
    expect(notice).toMatchObject({ chatId: 'chat-1', transferId: 'tr-1', clientId: 'bo' });
    expect(arbitrate(h.state, ANA, h.now).publish).toEqual([]);
    const decision = arbitrate(h.state, ANA, h.now, null, notice);
    expect(decision.publish).toEqual([
      { channel: 'chat:chat-1', name: 'transfer.completed', id: 'tr-1:completed:ana', data: { transferId: 'tr-1', owner: 'bo', seq: 2 } },
    ]);
    h.run({ ok: true, publish: decision.publish }, ANA);
    expect(h.state.register).toMatchObject({ owner: 'bo', seq: 2, pending: null });
    const completed = h.state.register;
    h.run(logCopy, BO);
    expect(logOf(h.state).at(-1)).toMatchObject({ event: { type: 'transfer.accepted', clientId: 'bo' }, outcome: { applied: true } });
    expect(h.state.register).toBe(completed);
    // Nothing more to decide, with or without the notice.
    expect(arbitrate(h.state, ANA, h.now, null, notice).publish).toEqual([]);
  });

  it('counts only from the offer’s receiver, for the open offer of that chat, sent and decided before it expired', () => {
    const h = anasChat();
    const expiresAt = offerToBo(h);
    expect(arbitrate(h.state, ANA, h.now, null, forged(h, CY, { chatId: 'chat-1', transferId: 'tr-1' })).publish).toEqual([]);
    expect(arbitrate(h.state, ANA, h.now, null, forged(h, BO, { chatId: 'chat-1', transferId: 'tr-2' })).publish).toEqual([]);
    expect(arbitrate(h.state, ANA, h.now, null, forged(h, BO, { chatId: 'chat-9', transferId: 'tr-1' })).publish).toEqual([]);
    const { notice } = acceptNoticeOnly(h);
    // Ana's own expiry alarm may already have ended it: she never publishes both.
    expect(arbitrate(h.state, ANA, expiresAt, null, notice).publish.map((item) => item.name)).toEqual(['transfer.expired']);
    expect(arbitrate(h.state, ANA, h.now, null, { ...notice, timestamp: expiresAt }).publish).toEqual([]);
    // Only the offerer completes; the receiver's own arbiter has nothing to do with it.
    expect(arbitrate(h.state, BO, h.now, null, notice).publish).toEqual([]);
  });

  it('is not a reason to watch a chat', () => {
    const h = anasChat();
    offerToBo(h);
    acceptNoticeOnly(h);
    expect(chatsFromInbox(h.inbox.get('ana') ?? [], h.now)).toEqual([]);
  });
});

describe('chatsFromInbox', () => {
  it('lists chats offered until well past expiry, and assigned chats always', () => {
    const sender = { clientId: 'ana', kind: 'agent', manager: false, listener: false } as const;
    const at = { timestamp: 1, clientId: 'ana', sender };
    const notices = [
      { type: 'transfer.offered', id: 'a', ...at, chatId: 'c2', transferId: 't', expiresAt: 1_000, note: '' },
      { type: 'chat.assigned', id: 'b', ...at, chatId: 'c1', seq: 2 },
      { type: 'transfer.offered', id: 'c', ...at, chatId: 'c2', transferId: 'u', expiresAt: 5_000, note: '' },
    ] as const;
    expect(chatsFromInbox(notices, 2_000)).toEqual(['c1', 'c2']);
    expect(chatsFromInbox(notices, 100_000)).toEqual(['c1']);
  });
});
