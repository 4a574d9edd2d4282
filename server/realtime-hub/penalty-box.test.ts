import { describe, expect, it } from 'vitest';
import { PenaltyBox, penaltyIdentity } from './penalty-box.ts';

describe('PenaltyBox', () => {
  it('refuses a cut identity for the first penalty, then lets it in again', () => {
    const box = new PenaltyBox({ firstMs: 1000 });
    expect(box.empty).toBe(true);
    box.penalize('flooder', 0);
    expect(box.empty).toBe(false);
    expect(box.refusedFor('flooder', 500)).toBe(500);
    expect(box.refusedFor('flooder', 1000)).toBe(0);
  });

  it('doubles the penalty for each repeat offence, up to the cap', () => {
    const box = new PenaltyBox({ firstMs: 1000, maxMs: 3000 });
    expect(box.penalize('flooder', 0)).toBe(1000);
    expect(box.penalize('flooder', 1500)).toBe(2000);
    expect(box.penalize('flooder', 4000)).toBe(3000);
    expect(box.refusedFor('flooder', 4000)).toBe(3000);
  });

  it('forgives after a quiet spell and never boxes anyone else', () => {
    const box = new PenaltyBox({ firstMs: 1000, forgiveAfterMs: 10_000 });
    box.penalize('flooder', 0);
    expect(box.refusedFor('victim', 0)).toBe(0);
    expect(box.penalize('flooder', 20_000)).toBe(1000);
  });

  it('tells clients of one key apart by their clientId', () => {
    expect(penaltyIdentity({ keyName: 'app.key', clientId: 'alice' })).not.toBe(penaltyIdentity({ keyName: 'app.key', clientId: undefined }));
    expect(penaltyIdentity({ keyName: 'app.key', clientId: 'alice' })).toBe(penaltyIdentity({ keyName: 'app.key', clientId: 'alice' }));
  });
});
