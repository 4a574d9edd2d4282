// The prediction of my own transfer actions: exactly what the fold makes of them once the log has them.
import { describe, expect, it } from 'vitest';
import { planAccept, planCancel, planOffer, planReject } from './commands.ts';
import { ANA, BO, TIMEOUT, anasChat, offerToBo } from './flow-fixtures.ts';
import { foldEvents } from './fold.ts';
import { predict } from './predict.ts';
import { viewFor } from './view.ts';

function draftOf(plan: ReturnType<typeof planAccept>) {
  if (!plan.ok || !plan.draft) throw new Error('expected a plan with a draft');
  return plan.draft;
}

describe('predict', () => {
  it('Transfer: the sender waits for the receiver at once', () => {
    const h = anasChat();
    const draft = draftOf(planOffer(h.state, ANA, h.now, { to: BO.clientId, note: '', transferId: 'tr-9', timeoutMs: TIMEOUT }));
    const view = viewFor(predict(h.state, [draft], h.now), ANA, { now: h.now });
    expect(view.highlight).toEqual({ kind: 'waiting-for', to: 'bo' });
    expect(view.canCancel).toBe(true);
    expect(viewFor(h.state, ANA, { now: h.now }).highlight).toEqual({ kind: 'none' });
  });

  it('Accept: I own the chat and the sender listens, as the offerer’s completion will make it', () => {
    const h = anasChat();
    offerToBo(h);
    const draft = draftOf(planAccept(h.state, BO, h.now, 'tr-1'));
    const shown = predict(h.state, [draft], h.now);
    expect(viewFor(shown, BO, { now: h.now }).myRole).toBe('owner');
    expect(viewFor(shown, ANA, { now: h.now }).myRole).toBe('listening');
    // The log, once it has the acceptance and the completion, says the same.
    h.run(planAccept(h.state, BO, h.now, 'tr-1'), BO);
    h.arbitrate(ANA);
    expect(h.state.register.owner).toBe('bo');
    expect(shown.register.owner).toBe(h.state.register.owner);
    expect(shown.register.formerOwners).toEqual(h.state.register.formerOwners);
  });

  it('the offerer shows the completion once the acceptance’s notice is in its inbox; a colleague’s forged one shows nothing', () => {
    const h = anasChat();
    offerToBo(h);
    const plan = planAccept(h.state, BO, h.now, 'tr-1');
    if (!plan.ok) throw new Error('expected Bo to be able to accept');
    h.run({ ok: true, publish: plan.publish.filter((item) => item.hint) }, BO);
    const notice = h.inbox.get('ana')?.find((candidate) => candidate.type === 'transfer.accepted');
    if (notice?.type !== 'transfer.accepted') throw new Error('expected the acceptance’s notice');
    expect(viewFor(predict(h.state, [], h.now), ANA, { now: h.now }).myRole).toBe('owner');
    expect(viewFor(predict(h.state, [], h.now, notice), ANA, { now: h.now }).myRole).toBe('listening');
    expect(viewFor(predict(h.state, [], h.now, { ...notice, clientId: 'cy' }), ANA, { now: h.now }).myRole).toBe('owner');
  });

  it('an acceptance already in the log is completed for the views before the completion is back', () => {
    const h = anasChat();
    offerToBo(h);
    h.run(planAccept(h.state, BO, h.now, 'tr-1'), BO);
    expect(h.state.register.owner).toBe('ana');
    expect(predict(h.state, [], h.now).register.owner).toBe('bo');
  });

  it('Reject and Cancel end the offer; nothing to predict leaves the state itself', () => {
    const h = anasChat();
    offerToBo(h);
    expect(predict(h.state, [], h.now)).toBe(h.state);
    const rejected = predict(h.state, [draftOf(planReject(h.state, BO, h.now, 'tr-1', 'busy'))], h.now);
    expect(viewFor(rejected, ANA, { now: h.now }).lastOffer).toMatchObject({ status: 'rejected', reason: 'busy' });
    const cancelled = predict(h.state, [draftOf(planCancel(h.state, ANA, h.now, 'tr-1'))], h.now);
    expect(viewFor(cancelled, BO, { now: h.now }).canRespond).toBe(false);
  });

  it('an acceptance the log will reject (the offer was cancelled first) predicts nothing', () => {
    const h = anasChat();
    offerToBo(h);
    const accept = draftOf(planAccept(h.state, BO, h.now + 5, 'tr-1'));
    const withCancel = foldEvents(h.state, [draftOf(planCancel(h.state, ANA, h.now + 1, 'tr-1'))]);
    const shown = predict(withCancel, [accept], h.now);
    expect(viewFor(shown, BO, { now: h.now }).myRole).not.toBe('owner');
    expect(shown.register.owner).toBe('ana');
  });
});
