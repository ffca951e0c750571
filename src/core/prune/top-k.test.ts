import { describe, expect, it } from 'vitest';
import { keptChannelCount, keptChannelsAtSparsity, maskFromKept, rankByImportance } from './top-k';

describe('exact top-k', () => {
  it('keeps max(1, round((1−s)·C)) channels', () => {
    expect(keptChannelCount(8, 0)).toBe(8);
    expect(keptChannelCount(8, 0.5)).toBe(4);
    expect(keptChannelCount(10, 0.75)).toBe(3); // round(2.5) = 3
    expect(keptChannelCount(3, 0.9)).toBe(1);
    expect(() => keptChannelCount(4, 1)).toThrow('Sparsity 1 is outside [0, 1).');
  });

  it('keeps every channel at s = 0 (the reference prunes one)', () => {
    expect(keptChannelsAtSparsity([3, 1, 2, 0], 0)).toEqual([0, 1, 2, 3]);
  });

  it('breaks ties by channel index', () => {
    expect(rankByImportance([1, 2, 2, 1])).toEqual([1, 2, 0, 3]);
    expect(keptChannelsAtSparsity([5, 5, 5, 5], 0.5)).toEqual([0, 1]);
    expect(keptChannelsAtSparsity([0.1, 0.9, 0.5, 0.9, 0.2, 0.5], 0.5)).toEqual([1, 2, 3]);
  });

  it('rejects NaN scores', () => {
    expect(() => keptChannelsAtSparsity([1, NaN], 0.5)).toThrow('Importance of channel 1 is NaN.');
  });

  it('builds 0/1 masks', () => {
    expect(Array.from(maskFromKept(4, [0, 2]))).toEqual([1, 0, 1, 0]);
  });
});
