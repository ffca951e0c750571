import { LabError } from '../errors';
import { keptChannelsAtSparsity, rankByImportance } from '../prune/top-k';

/**
 * Rank-order comparisons of two importance vectors over the same channels (method.md §8).
 * μ is the importance with the upstream unit dense, ν with it pruned.
 */

function checkSameLength(mu: ArrayLike<number>, nu: ArrayLike<number>): void {
  if (mu.length !== nu.length) {
    throw new LabError(
      'INVALID_ARGUMENT',
      `Importance vectors differ in length (${mu.length} vs ${nu.length}).`,
    );
  }
}

/**
 * τ = 2/(n(n−1)) Σ_{k<j} sign(μ_k − μ_j)·sign(ν_k − ν_j). With sign(0) = 0 a tied pair adds
 * nothing, which makes this Kendall's τ-a (ties pull τ towards 0, never towards ±1).
 * Fewer than two channels: 1 (there is no pair to disagree on).
 */
export function kendallTau(mu: ArrayLike<number>, nu: ArrayLike<number>): number {
  checkSameLength(mu, nu);
  const n = mu.length;
  if (n < 2) return 1;
  let sum = 0;
  for (let k = 0; k < n; k++) {
    for (let j = k + 1; j < n; j++) sum += Math.sign(mu[k] - mu[j]) * Math.sign(nu[k] - nu[j]);
  }
  return (2 * sum) / (n * (n - 1));
}

/** Minimum number of single-element insertions, deletions or substitutions turning a into b. */
export function levenshtein(a: readonly number[], b: readonly number[]): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      row.push(Math.min(prev[j] + 1, row[j - 1] + 1, substitution));
    }
    prev = row;
  }
  return prev[b.length];
}

/** Levenshtein distance between the two argsort orders (most important first, index tie-break). */
export function rankOrderLevenshtein(mu: ArrayLike<number>, nu: ArrayLike<number>): number {
  checkSameLength(mu, nu);
  return levenshtein(rankByImportance(mu), rankByImportance(nu));
}

/** |kept(μ) ∩ kept(ν)| / k at `sparsity` (exact top-k): 1 means the same channels survive. */
export function keptOverlap(
  mu: ArrayLike<number>,
  nu: ArrayLike<number>,
  sparsity: number,
): number {
  checkSameLength(mu, nu);
  const keptMu = new Set(keptChannelsAtSparsity(mu, sparsity));
  const keptNu = keptChannelsAtSparsity(nu, sparsity);
  return keptNu.filter((c) => keptMu.has(c)).length / keptNu.length;
}
