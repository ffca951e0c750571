import type { Histogram } from '../protocol/analysis-types';

/**
 * Equal-width histogram of `values` over their own range (or `range`), as a small array the
 * page can draw. An empty input gives zero counts over [0, 0]; a constant input puts every
 * value in the middle bin.
 */
export function histogramOf(
  values: ArrayLike<number>,
  bins: number,
  range?: { lo: number; hi: number },
): Histogram {
  const counts = new Array<number>(bins).fill(0);
  if (values.length === 0) return { lo: 0, hi: 0, counts };
  let lo = range?.lo ?? Infinity;
  let hi = range?.hi ?? -Infinity;
  if (!range) {
    for (let i = 0; i < values.length; i++) {
      if (values[i] < lo) lo = values[i];
      if (values[i] > hi) hi = values[i];
    }
  }
  const width = hi - lo;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < lo || v > hi) continue;
    const bin =
      width > 0 ? Math.min(bins - 1, Math.floor(((v - lo) / width) * bins)) : Math.floor(bins / 2);
    counts[bin]++;
  }
  return { lo, hi, counts };
}

/** Midpoint between the k-th and (k+1)-th largest score (the top-k cut), or null when k ≥ n. */
export function topKCut(scores: ArrayLike<number>, k: number): number | null {
  if (k >= scores.length || k < 1) return null;
  const sorted = Array.from(scores).sort((a, b) => b - a);
  return (sorted[k - 1] + sorted[k]) / 2;
}
