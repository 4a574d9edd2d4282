// A small seeded generator (mulberry32) so a simulation with the same seed plays the
// same visitors, lines and delays: demos are reproducible and tests deterministic.
export type Random = () => number;

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('unable to pick from an empty list');
  return item;
}

export function between(random: Random, min: number, max: number): number {
  return Math.round(min + random() * (max - min));
}
