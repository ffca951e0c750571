import type { RankShiftSweep } from '../../protocol/analysis-types';

/** Channel indices from most to least important (ties: lower index first, as core does). */
export function ranksOf(scores: readonly number[]): number[] {
  return scores.map((_, i) => i).sort((a, b) => scores[b] - scores[a] || a - b);
}

/** k = max(1, round((1−s)·C)), the exact top-k of method.md §3. */
export function keptCount(channels: number, sparsity: number): number {
  return Math.min(channels, Math.max(1, Math.round((1 - sparsity) * channels)));
}

export function keptAt(scores: readonly number[], sparsity: number): Set<number> {
  return new Set(ranksOf(scores).slice(0, keptCount(scores.length, sparsity)));
}

/** The plain-language reading of one slider position. */
export function rankShiftSentence(sweep: RankShiftSweep, index: number): string {
  const point = sweep.points[index];
  const k = keptCount(sweep.denseImportance.length, sweep.targetSparsity);
  const changed = Math.round(k * (1 - point.keptOverlap));
  const at = `At ${Math.round(point.sparsity * 100)}% sparsity of ${sweep.upstream}`;
  const tau = `Kendall's τ = ${point.kendallTau.toFixed(2)}`;
  return `${at}, ${changed} of the ${k} channels of ${sweep.unit} you would keep (at ${Math.round(sweep.targetSparsity * 100)}% sparsity) change; ${tau}.`;
}
