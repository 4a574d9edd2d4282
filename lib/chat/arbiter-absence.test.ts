import { describe, expect, it } from 'vitest';
import { arbitrate, type PresenceOf } from './arbiter.ts';
import { planAccept } from './commands.ts';
import { ANA, BO, CY, MAX, anasChat, lastRejection, offerToBo } from './flow-fixtures.ts';
import { parseChatEvent } from './parse-chat-event.ts';
import { delivered } from './test-harness.ts';

// An offer to an agent who leaves Present ends, and the sender is told why (SuperOffice offers transfers only to
// Present agents). The sender's background decides it, like completion and expiry (docs/chat-core.md).
const everyone = (status: 'present' | 'away' | 'offline'): PresenceOf => () => status;
const boIs = (status: 'away' | 'offline'): PresenceOf => (clientId) => (clientId === 'bo' ? status : 'present');

describe('an offer whose receiver leaves Present', () => {
  it('the sender cancels it with the cause when the receiver goes Away, and is told', () => {
    const h = anasChat();
    offerToBo(h);
    const decision = arbitrate(h.state, ANA, h.now, boIs('away'));
    expect(decision.publish).toEqual([
      { channel: 'chat:chat-1', name: 'transfer.cancelled', id: 'tr-1:cancelled:ana', data: { transferId: 'tr-1', reason: 'receiver-away' } },
    ]);
    h.run({ ok: true, publish: decision.publish }, ANA);
    expect(h.view(ANA).pendingOffer).toBeNull();
    expect(h.view(ANA).lastOffer).toMatchObject({ status: 'cancelled', to: 'bo', cause: 'receiver-away', reason: null });
    expect(h.view(ANA).myRole).toBe('owner');
    // The receiver's view says why too, and the offer can no longer be taken.
    expect(h.view(BO).lastOffer).toMatchObject({ status: 'cancelled', cause: 'receiver-away' });
    expect(planAccept(h.state, BO, h.now, 'tr-1')).toEqual({ ok: false, reason: 'offer-not-pending' });
  });

  it('going offline ends it too, with its own cause', () => {
    const h = anasChat();
    offerToBo(h);
    h.run({ ok: true, publish: arbitrate(h.state, ANA, h.now, boIs('offline')).publish }, ANA);
    expect(h.view(ANA).lastOffer).toMatchObject({ status: 'cancelled', cause: 'receiver-offline' });
  });

  it('decides nothing while the receiver is Present, or while presence is unknown', () => {
    const h = anasChat();
    const expiresAt = offerToBo(h);
    expect(arbitrate(h.state, ANA, h.now, everyone('present'))).toEqual({ publish: [], wakeAt: expiresAt });
    expect(arbitrate(h.state, ANA, h.now, null)).toEqual({ publish: [], wakeAt: expiresAt });
    expect(arbitrate(h.state, ANA, h.now)).toEqual({ publish: [], wakeAt: expiresAt });
  });

  it('only the sender decides: the receiver, a colleague and a manager publish nothing for it', () => {
    const h = anasChat();
    offerToBo(h);
    for (const someone of [BO, CY, MAX]) expect(arbitrate(h.state, someone, h.now, everyone('offline')).publish).toEqual([]);
  });

  it('an acceptance already folded wins: the sender completes instead of cancelling', () => {
    const h = anasChat();
    offerToBo(h);
    h.run(planAccept(h.state, BO, h.now, 'tr-1'), BO);
    expect(arbitrate(h.state, ANA, h.now, boIs('away')).publish.map((p) => p.name)).toEqual(['transfer.completed']);
  });

  it('a cancel that races an acceptance and sorts after it is refused; the transfer completes', () => {
    const h = anasChat();
    offerToBo(h);
    const cancel = arbitrate(h.state, ANA, h.now, boIs('away')).publish;
    h.run(planAccept(h.state, BO, h.now, 'tr-1'), BO);
    h.run({ ok: true, publish: cancel }, ANA);
    expect(lastRejection(h)).toEqual({ applied: false, reason: 'offer-accepted' });
    h.arbitrate(ANA);
    expect(h.view(BO).myRole).toBe('owner');
  });

  it('past the deadline it expires as before, whatever the presence', () => {
    const h = anasChat();
    const expiresAt = offerToBo(h);
    expect(arbitrate(h.state, ANA, expiresAt, boIs('away')).publish.map((p) => p.name)).toEqual(['transfer.expired']);
  });
});

describe('parsing a cancel', () => {
  const message = (data: unknown) =>
    delivered({ channel: 'chat:chat-1', name: 'transfer.cancelled', id: 'x', data: data as Record<string, unknown> }, ANA, 5, 'x');

  it('keeps a known cause, and reads a missing or unknown one as none (still a cancel)', () => {
    expect(parseChatEvent(message({ transferId: 't', reason: 'receiver-away' }))).toMatchObject({ type: 'transfer.cancelled', reason: 'receiver-away' });
    expect(parseChatEvent(message({ transferId: 't' }))).toMatchObject({ type: 'transfer.cancelled', reason: null });
    expect(parseChatEvent(message({ transferId: 't', reason: '<script>' }))).toMatchObject({ type: 'transfer.cancelled', reason: null });
  });
});
