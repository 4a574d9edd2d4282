// One chat's predictions: shown at once, dropped when the log has them, withdrawn when the publish failed.
import { describe, expect, it } from 'vitest';
import { planAccept, planCancel } from '../chat/commands.ts';
import { ANA, BO, anasChat, offerToBo } from '../chat/flow-fixtures.ts';
import { foldEvents } from '../chat/fold.ts';
import { viewFor } from '../chat/view.ts';
import { createChatPredictions } from './chat-predictions.ts';

function acceptDraft(h: ReturnType<typeof anasChat>) {
  const plan = planAccept(h.state, BO, h.now, 'tr-1');
  if (!plan.ok || !plan.draft) throw new Error('expected an acceptance');
  return plan.draft;
}

describe('chat predictions', () => {
  it('show my acceptance until the log has it, and say it is pending', () => {
    const h = anasChat();
    offerToBo(h);
    const predictions = createChatPredictions();
    const draft = acceptDraft(h);
    predictions.add('accept', draft);
    const shown = predictions.view(h.state, h.now);
    expect(shown.pending).toBe('accept');
    expect(viewFor(shown.state, BO, { now: h.now }).myRole).toBe('owner');
    // The log gets the acceptance (the hub's own timestamp): mine is dropped, the completion is still predicted.
    const logged = foldEvents(h.state, [{ ...draft, timestamp: draft.timestamp + 3 }]);
    predictions.reconcile(logged, h.now);
    const after = predictions.view(logged, h.now);
    expect(after.pending).toBeNull();
    expect(after.state).not.toBe(logged);
    expect(after.state.register.owner).toBe('bo');
  });

  it('a withdrawn prediction (the publish was refused) rolls the view back to the log', () => {
    const h = anasChat();
    offerToBo(h);
    const predictions = createChatPredictions();
    const withdraw = predictions.add('accept', acceptDraft(h));
    withdraw();
    const shown = predictions.view(h.state, h.now);
    expect(shown).toEqual({ state: h.state, pending: null });
    expect(viewFor(shown.state, BO, { now: h.now }).canRespond).toBe(true);
  });

  it('settled waits for my events (mineOnly) or for everything, and resolves on reconcile', async () => {
    const h = anasChat();
    offerToBo(h);
    const predictions = createChatPredictions();
    const draft = acceptDraft(h);
    predictions.add('accept', draft);
    const order: string[] = [];
    const mine = predictions.settled(h.state, h.now, 10_000, true).then(() => order.push('mine'));
    const all = predictions.settled(h.state, h.now, 10_000).then(() => order.push('all'));
    const accepted = foldEvents(h.state, [draft]);
    predictions.reconcile(accepted, h.now);
    await mine;
    expect(order).toEqual(['mine']);
    h.run(planAccept(h.state, BO, h.now, 'tr-1'), BO);
    h.arbitrate(ANA);
    predictions.reconcile(h.state, h.now);
    await all;
    expect(order).toEqual(['mine', 'all']);
  });

  it('settled gives up after its timeout rather than hang a command', async () => {
    const h = anasChat();
    offerToBo(h);
    const predictions = createChatPredictions();
    const plan = planCancel(h.state, ANA, h.now, 'tr-1');
    if (!plan.ok || !plan.draft) throw new Error('expected a cancel');
    predictions.add('cancel', plan.draft);
    const started = Date.now();
    await predictions.settled(h.state, h.now, 30);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    expect(predictions.view(h.state, h.now).pending).toBe('cancel');
  });
});
