import { describe, expect, it } from 'vitest';
import type { RankShiftSweep } from '../../protocol/analysis-types';
import { keptAt, keptCount, rankShiftSentence, ranksOf } from './rank-reading';

describe('rank reading', () => {
  it('ranks with the lower index first on ties and keeps the exact top-k', () => {
    expect(ranksOf([0.2, 0.9, 0.2, 0.5])).toEqual([1, 3, 0, 2]);
    expect(keptCount(16, 0.5)).toBe(8);
    expect(keptCount(3, 0.9)).toBe(1);
    expect([...keptAt([0.2, 0.9, 0.2, 0.5], 0.5)]).toEqual([1, 3]);
  });

  it('says how many kept channels change', () => {
    const sweep: RankShiftSweep = {
      unit: 'conv2',
      upstream: 'conv1',
      calibrationSize: 8,
      targetSparsity: 0.5,
      elapsedMs: 1,
      denseImportance: new Array(16).fill(1),
      points: [
        {
          sparsity: 0.5,
          kendallTau: 0.61,
          levenshtein: 9,
          levenshteinNormalized: 0.5625,
          keptOverlap: 0.75,
          importance: [],
        },
      ],
    };
    expect(rankShiftSentence(sweep, 0)).toBe(
      "At 50% sparsity of conv1, 2 of the 8 channels of conv2 you would keep (at 50% sparsity) change; Kendall's τ = 0.61.",
    );
  });
});
