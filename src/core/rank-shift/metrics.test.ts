import { describe, expect, it } from 'vitest';
import { kendallTau, keptOverlap, levenshtein, rankOrderLevenshtein } from './metrics';

describe('rank-shift metrics', () => {
  it('identical orders: τ = 1, distance 0, full overlap', () => {
    const mu = [0.3, 0.9, 0.1, 0.5];
    const nu = [3, 9, 1, 5]; // same order, different scale
    expect(kendallTau(mu, nu)).toBe(1);
    expect(rankOrderLevenshtein(mu, nu)).toBe(0);
    expect(keptOverlap(mu, nu, 0.5)).toBe(1);
  });

  it('reversed orders: τ = −1', () => {
    expect(kendallTau([1, 2, 3, 4, 5], [5, 4, 3, 2, 1])).toBe(-1);
    // argsorts [4,3,2,1,0] vs [0,1,2,3,4]: the middle element matches, 4 substitutions.
    expect(rankOrderLevenshtein([1, 2, 3, 4, 5], [5, 4, 3, 2, 1])).toBe(4);
    expect(keptOverlap([1, 2, 3, 4], [4, 3, 2, 1], 0.5)).toBe(0);
  });

  it('worked example by hand', () => {
    // μ = [0.9, 0.5, 0.1, 0.3], ν = [0.8, 0.1, 0.4, 0.2]
    // pairs (0,1) (0,2) (0,3) agree: +3; (1,2) (1,3) (2,3) disagree: −3 → τ = 0.
    // argsort μ = [0,1,3,2], ν = [0,2,3,1]: positions 1 and 3 differ → 2 substitutions.
    // kept at s = 0.5 (k = 2): {0,1} vs {0,2} → overlap 1/2.
    const mu = [0.9, 0.5, 0.1, 0.3];
    const nu = [0.8, 0.1, 0.4, 0.2];
    expect(kendallTau(mu, nu)).toBe(0);
    expect(rankOrderLevenshtein(mu, nu)).toBe(2);
    expect(keptOverlap(mu, nu, 0.5)).toBe(0.5);
  });

  it('ties count zero (τ-a)', () => {
    // (0,1): sign(0)·sign(−1) = 0; (0,2): (−)(−) = +1; (1,2): (−)(−) = +1 → τ = 2·2/(3·2) = 2/3.
    expect(kendallTau([1, 1, 2], [1, 2, 3])).toBeCloseTo(2 / 3, 12);
    expect(kendallTau([7, 7, 7], [1, 2, 3])).toBe(0);
  });

  it('levenshtein on plain sequences', () => {
    expect(levenshtein([1, 2, 3], [1, 2, 3])).toBe(0);
    expect(levenshtein([1, 2, 3], [2, 3])).toBe(1);
    expect(levenshtein([], [4, 5])).toBe(2);
    expect(levenshtein([0, 1, 2, 3], [1, 2, 3, 0])).toBe(2);
  });

  it('rejects vectors of different length', () => {
    expect(() => kendallTau([1, 2], [1])).toThrow('Importance vectors differ in length (2 vs 1).');
  });
});
