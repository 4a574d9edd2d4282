// Shared set-up for the product-flow tables (flows-*.test.ts): the people, and a chat Ana has picked up.
import { planClaim, planMessage, planOffer } from './commands.ts';
import { logOf } from './fold.ts';
import type { Outcome } from './transitions.ts';
import { agent, createHarness, listener, manager, visitor } from './test-harness.ts';
import type { Harness } from './test-harness.ts';

export const VISITOR = visitor('visitor-1');
export const ANA = agent('ana');
export const BO = agent('bo');
export const CY = agent('cy');
export const MAX = manager('max');
export const LIV = listener('liv');
export const TIMEOUT = 30_000;

/** A chat Ana picked up from the queue, with one line each way. */
export function anasChat(): Harness {
  const h = createHarness();
  h.run(planMessage(h.state, VISITOR, h.now, 'Hello, my invoice is wrong'), VISITOR);
  h.run(planClaim(h.state, ANA, h.now), ANA);
  h.arbitrate(VISITOR);
  h.run(planMessage(h.state, ANA, h.now, 'Hi, let me look'), ANA);
  return h;
}

/** `from` offers the chat to Bo; returns the offer's deadline. */
export function offerToBo(h: Harness, from = ANA, transferId = 'tr-1'): number {
  const expiresAt = h.now + TIMEOUT;
  h.run(planOffer(h.state, from, h.now, { to: BO.clientId, note: 'Billing question', transferId, timeoutMs: TIMEOUT }), from);
  return expiresAt;
}

export function lastRejection(h: Harness): Outcome | undefined {
  return logOf(h.state).findLast((entry) => !entry.outcome.applied)?.outcome;
}
