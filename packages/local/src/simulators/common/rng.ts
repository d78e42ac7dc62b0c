// Deterministic pseudo-random numbers for the simulators (mulberry32): the same seed always yields
// the same sequence, so fault injection and fixture data are reproducible run to run.

/** A seeded random source. `next()` returns a float in [0, 1). */
export interface Rng {
  next(): number;
  /** Integer in [min, max] (both inclusive). */
  int(min: number, max: number): number;
  /** true with probability `p` (0..1). */
  chance(p: number): boolean;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
}

const hashSeed = (seed: number | string): number => {
  if (typeof seed === 'number') return seed >>> 0;
  // FNV-1a over the string so text seeds ('demo') work too.
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i += 1) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
};

/**
 * Creates a deterministic random source from a numeric or text seed.
 * @example const rng = makeRng(42); rng.chance(0.1);
 */
export const makeRng = (seed: number | string = 1): Rng => {
  let state = hashSeed(seed);
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => p > 0 && next() < p,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new RangeError('rng.pick: empty array');
      return items[Math.floor(next() * items.length)] as T;
    },
  };
};
