// Arbiter rules that mutation testing found unpinned (docs/testing.md).
import { describe, expect, it } from 'vitest';
import { arbitrate, decideAssignment, decideCompletion } from './arbiter.ts';
import { planClaim, planEnd } from './commands.ts';
import { ANA, VISITOR, anasChat, offerToBo } from './flow-fixtures.ts';
import { createHarness } from './test-harness.ts';

describe('arbiter', () => {
  it('the widget assigns nobody once the visitor ended the queued chat', () => {
    const h = createHarness();
    h.force('message', { text: 'Hi' }, VISITOR);
    h.run(planClaim(h.state, ANA, h.now), ANA);
    h.run(planEnd(h.state, VISITOR, h.now), VISITOR);
    expect(decideAssignment(h.state, VISITOR, h.now)).toEqual({ publish: [], wakeAt: null });
  });

  it('nothing to complete without an open offer', () => {
    expect(decideCompletion(anasChat().state, ANA, 0)).toBeUndefined();
  });

  it('after publishing an expiry the offerer wakes again a second later, in case the clocks disagreed', () => {
    const h = anasChat();
    const expiresAt = offerToBo(h);
    const decision = arbitrate(h.state, ANA, expiresAt);
    expect(decision.publish.map((p) => p.name)).toEqual(['transfer.expired']);
    expect(decision.wakeAt).toBe(expiresAt + 1_000);
  });
});
