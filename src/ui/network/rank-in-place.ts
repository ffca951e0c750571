/**
 * Rank shift drawn on the network (pure): which of the selected unit's channels change fate —
 * kept with its upstream unit dense but pruned with it pruned, or the reverse — at the unit's
 * target sparsity (exact top-k, ties to the lower index, as the pipeline keeps channels).
 */
import { rankSlots } from './channel-states';

export function keptCountAt(channels: number, sparsity: number): number {
  return Math.min(channels, Math.max(1, Math.round((1 - sparsity) * channels)));
}

export function swappedChannels(
  dense: readonly number[],
  shifted: readonly number[],
  targetSparsity: number,
): Set<number> {
  const channels = dense.length;
  if (shifted.length !== channels) return new Set();
  const k = keptCountAt(channels, targetSparsity);
  const denseSlots = rankSlots(channels, dense);
  const shiftedSlots = rankSlots(channels, shifted);
  const swapped = new Set<number>();
  for (let c = 0; c < channels; c++) if (denseSlots[c] < k !== shiftedSlots[c] < k) swapped.add(c);
  return swapped;
}
