import { describe, expect, it } from 'vitest';
import { between, pick, seededRandom } from './random.ts';
import { VISITOR_SCRIPTS } from './scripts.ts';

describe('the simulation’s randomness is seeded', () => {
  const plan = (seed: number) => {
    const random = seededRandom(seed);
    return Array.from({ length: 20 }, () => [pick(random, VISITOR_SCRIPTS).name, between(random, 2000, 5000)] as const);
  };

  it('plays the same visitors and delays for the same seed', () => {
    expect(plan(7)).toEqual(plan(7));
  });

  it('plays differently for another seed', () => {
    expect(plan(7)).not.toEqual(plan(8));
  });

  it('stays within the asked range', () => {
    const random = seededRandom(1);
    for (let i = 0; i < 1000; i += 1) {
      const value = between(random, 3000, 6000);
      expect(value).toBeGreaterThanOrEqual(3000);
      expect(value).toBeLessThanOrEqual(6000);
    }
  });
});
