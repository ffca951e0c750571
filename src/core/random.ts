/**
 * A small seedable PRNG (mulberry32) for everything the lab must reproduce from a seed:
 * batch order, random importance, dropout seeds. Math.random is never used in core.
 */
export type Rng = () => number;

/** Returns a generator of floats in [0, 1); the same seed gives the same sequence. */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A uniformly random permutation of 0..n-1 (Fisher–Yates), drawn from `rng`. */
export function shuffledIndices(n: number, rng: Rng): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const tmp = order[i];
    order[i] = order[j];
    order[j] = tmp;
  }
  return order;
}

/** An integer in [0, 2^32) drawn from `rng`, e.g. to seed a tfjs op. */
export function nextSeed(rng: Rng): number {
  return Math.floor(rng() * 4294967296);
}
