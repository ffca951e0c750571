import { describe, expect, it } from 'vitest';
import { createRng, nextSeed, shuffledIndices } from './random';

describe('createRng', () => {
  it('repeats its sequence for the same seed and differs for another', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const seqA = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(seqA);
    expect([c(), c(), c()]).not.toEqual(seqA);
  });

  it('stays in [0, 1) with a mean near 0.5', () => {
    const rng = createRng(7);
    let sum = 0;
    for (let i = 0; i < 10_000; i++) {
      const v = rng();
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(1);
      sum += v;
    }
    expect(Math.abs(sum / 10_000 - 0.5)).toBeLessThan(0.02);
  });
});

describe('shuffledIndices', () => {
  it('is a permutation and deterministic per seed', () => {
    const order = shuffledIndices(50, createRng(1));
    expect([...order].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(shuffledIndices(50, createRng(1))).toEqual(order);
    expect(shuffledIndices(50, createRng(2))).not.toEqual(order);
  });

  it('handles n = 0 and n = 1', () => {
    expect(shuffledIndices(0, createRng(1))).toEqual([]);
    expect(shuffledIndices(1, createRng(1))).toEqual([0]);
  });

  it('nextSeed gives integers below 2^32', () => {
    const s = nextSeed(createRng(3));
    expect(Number.isInteger(s)).toBe(true);
    expect(s).toBeLessThan(4294967296);
  });
});
