import { describe, expect, it } from 'vitest';
import { histogramOf, topKCut } from './histogram';

describe('histogramOf', () => {
  it('bins over the value range, the maximum in the last bin', () => {
    expect(histogramOf([0, 0.1, 0.5, 0.99, 1], 4)).toEqual({ lo: 0, hi: 1, counts: [2, 0, 1, 2] });
  });

  it('puts a constant input in the middle bin and an empty one nowhere', () => {
    expect(histogramOf([3, 3, 3], 5).counts).toEqual([0, 0, 3, 0, 0]);
    expect(histogramOf([], 3)).toEqual({ lo: 0, hi: 0, counts: [0, 0, 0] });
  });

  it('drops values outside a fixed range', () => {
    expect(histogramOf([-1, 0.2, 0.7, 2], 2, { lo: 0, hi: 1 }).counts).toEqual([1, 1]);
  });
});

describe('topKCut', () => {
  it('lies between the k-th and (k+1)-th largest score', () => {
    expect(topKCut([0.1, 0.9, 0.5, 0.3], 2)).toBeCloseTo(0.4, 10);
    expect(topKCut([0.1, 0.9], 2)).toBeNull();
  });
});
