import { describe, expect, it } from 'vitest';
import { arbitrate, decideAssignment } from './arbiter.ts';
import { planAccept, planClaim } from './commands.ts';
import { ANA, BO, CY, MAX, VISITOR, anasChat, offerToBo } from './flow-fixtures.ts';
import { RECEIVER_EXPIRY_DELAY_MS } from './limits.ts';
import { chatsFromInbox } from './parse-inbox-event.ts';
import { createHarness } from './test-harness.ts';

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
