import { describe, expect, it } from 'vitest';
import { decideCompletion } from './arbiter.ts';
import { planAccept, planClaim } from './commands.ts';
import { authorOf, controlId, newIdKey } from './control-ids.ts';
import { ANA, BO, anasChat, offerToBo } from './flow-fixtures.ts';
import { createHarness } from './test-harness.ts';

const KEY = new Uint8Array(32).fill(7);
const OTHER_KEY = new Uint8Array(32).fill(8);

describe('control ids', () => {
  it('give the same author and event the same id, so Ably drops a retried copy and the arbiter publishes once', () => {
    const me = authorOf(BO, KEY);
    expect(controlId('tr-1', 'accepted', me)).toBe(controlId('tr-1', 'accepted', authorOf(BO, KEY.slice())));
  });

  it('end in a tag nobody without my key can make: the id my event once had, or another session’s, is not it', () => {
    const mine = controlId('tr-1', 'accepted', authorOf(BO, KEY));
    expect(mine).toMatch(/^tr-1:accepted:bo:[0-9a-f]{24}$/);
    expect(mine).not.toBe(controlId('tr-1', 'accepted', BO));
    expect(mine).not.toBe(controlId('tr-1', 'accepted', authorOf(BO, OTHER_KEY)));
  });

  it('tag the whole id: another event, transfer, kind, author or attempt gets another tag', () => {
    const tag = (id: string) => id.split(':').at(-1);
    const ids = [
      controlId('tr-1', 'accepted', authorOf(BO, KEY)),
      controlId('tr-2', 'accepted', authorOf(BO, KEY)),
      controlId('tr-1', 'rejected', authorOf(BO, KEY)),
      controlId('tr-1', 'accepted', authorOf(ANA, KEY)),
      controlId('tr-1', 'accepted', authorOf(BO, KEY), 1),
    ];
    expect(new Set(ids.map(tag)).size).toBe(ids.length);
    expect(ids[4]).toMatch(/^tr-1:accepted:bo:1:[0-9a-f]{24}$/);
  });

  it('are what the plans and the arbiter publish under, for an author with a key', () => {
    const h = anasChat();
    offerToBo(h);
    const bo = authorOf(BO, KEY);
    const accept = planAccept(h.state, bo, h.now, 'tr-1');
    expect(accept.ok && accept.publish.map((p) => p.id)).toEqual([controlId('tr-1', 'accepted-notice', bo), controlId('tr-1', 'accepted', bo)]);
    h.run(planAccept(h.state, BO, h.now, 'tr-1'), BO);
    const ana = authorOf(ANA, OTHER_KEY);
    expect(decideCompletion(h.state, ana, h.now)?.id).toBe(controlId('tr-1', 'completed', ana));
  });

  it('keep the key out of every event: the drafted sender is the principal alone', () => {
    const h = createHarness();
    const plan = planClaim(h.state, authorOf(ANA, KEY), h.now);
    expect(plan.ok && plan.draft && 'sender' in plan.draft ? plan.draft.sender : undefined).toEqual(ANA);
    expect(JSON.stringify(plan)).not.toContain('idKey');
  });

  it('take a fresh 256-bit key for each session', () => {
    const [a, b] = [newIdKey(), newIdKey()];
    expect(a).toHaveLength(32);
    expect(a).not.toEqual(b);
  });
});
