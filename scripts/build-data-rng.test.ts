import { describe, expect, it } from 'vitest';
import { createRng, shuffledIndices } from '../src/core/random';
import { mulberry32, shuffle, SPLIT_SEED } from './build-data.mjs';

// build-data.mjs keeps its own PRNG copy (it runs at install time without tsx); the shipped
// MNIST split depends on it, so it must draw exactly what core's createRng draws.
const SEEDS = [0, 1, 42, 0xffffffff, SPLIT_SEED, SPLIT_SEED ^ 0x7a11, SPLIT_SEED ^ 0x7e57];

describe('build-data PRNG copy', () => {
  it.each(SEEDS)('mulberry32(%i) gives the same 1000 floats as createRng', (seed) => {
    const script = mulberry32(seed);
    const core = createRng(seed);
    const a = Array.from({ length: 1000 }, () => script());
    const b = Array.from({ length: 1000 }, () => core());
    expect(a).toEqual(b);
    expect(new Set(a).size).toBeGreaterThan(990);
  });

  it('pins the first draw of seed 1', () => {
    expect(mulberry32(1)()).toBe(createRng(1)());
    expect(createRng(1)()).toBeCloseTo(0.6270739405881613, 15);
  });

  it.each([SPLIT_SEED, SPLIT_SEED + 9])(
    'shuffle(0..n-1) with seed %i equals shuffledIndices',
    (seed) => {
      const n = 1000;
      const script = shuffle(
        Array.from({ length: n }, (_, i) => i),
        mulberry32(seed),
      );
      expect(script).toEqual(shuffledIndices(n, createRng(seed)));
      expect([...script].sort((x, y) => x - y)).toEqual(Array.from({ length: n }, (_, i) => i));
    },
  );
});
