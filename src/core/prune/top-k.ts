import { LabError } from '../errors';
import { keepCount, topKChannels } from '../graph/pruning-plan';

/**
 * Exact top-k channel selection (method.md §3), shared with the surgery's planFromScores.
 * The reference code keeps channels whose importance is ≥ v[⌊sC⌋], which prunes one channel
 * even at s = 0 and keeps extra channels on ties; we keep exactly k = max(1, round((1−s)·C))
 * channels, ties to the lower index — a documented deviation.
 */

/** Number of channels kept out of `channels` at `sparsity` (never fewer than one). */
export function keptChannelCount(channels: number, sparsity: number): number {
  if (!(sparsity >= 0 && sparsity < 1)) {
    throw new LabError('INVALID_ARGUMENT', `Sparsity ${sparsity} is outside [0, 1).`);
  }
  return Math.min(channels, keepCount(channels, sparsity));
}

/**
 * Channel indices ordered from most to least important; equal scores keep the lower index
 * first, so the order (and every mask built from it) is deterministic.
 */
export function rankByImportance(scores: ArrayLike<number>): number[] {
  const order = Array.from({ length: scores.length }, (_, i) => i);
  order.sort((a, b) => scores[b] - scores[a] || a - b);
  return order;
}

/** Kept channel indices at `sparsity` (exact top-k, index tie-break), ascending. */
export function keptChannelsAtSparsity(scores: ArrayLike<number>, sparsity: number): number[] {
  for (let i = 0; i < scores.length; i++) {
    if (Number.isNaN(scores[i]))
      throw new LabError('INVALID_ARGUMENT', `Importance of channel ${i} is NaN.`);
  }
  return topKChannels(scores, keptChannelCount(scores.length, sparsity));
}

/** A 0/1 mask of length `channels` with ones at `kept`. */
export function maskFromKept(channels: number, kept: readonly number[]): Float32Array {
  const mask = new Float32Array(channels);
  for (const c of kept) mask[c] = 1;
  return mask;
}
