import { LabError } from '../errors';
import type { ChannelGraph, ChannelGroup, PruningPlan } from './types';

/**
 * Plans: kept channel indices per group. Building one from scores uses exact top-k
 * (method.md §3): k = max(1, round((1 − s)·C)), ties go to the lower channel index, and the
 * kept list is returned ascending.
 */
export function keepCount(channels: number, sparsity: number): number {
  return Math.max(1, Math.round((1 - sparsity) * channels));
}

/** Indices of the k highest scores (NaN counts as lowest; ties → lower index), ascending. */
export function topKChannels(scores: ArrayLike<number>, k: number): number[] {
  const value = (i: number): number => (Number.isNaN(scores[i]) ? -Infinity : scores[i]);
  const order = Array.from({ length: scores.length }, (_, i) => i);
  order.sort((a, b) => value(b) - value(a) || a - b);
  return order.slice(0, Math.min(k, scores.length)).sort((a, b) => a - b);
}

function sparsityFor(
  sparsity: number | Record<string, number>,
  groupId: string,
): number | undefined {
  const s = typeof sparsity === 'number' ? sparsity : sparsity[groupId];
  if (s === undefined) return undefined;
  if (!(s >= 0 && s <= 1)) {
    throw new LabError(
      'INVALID_ARGUMENT',
      `Sparsity for group "${groupId}" is ${s}; it must lie between 0 and 1.`,
    );
  }
  return s;
}

export function planFromScores(
  graph: ChannelGraph,
  scores: Record<string, Float32Array>,
  sparsity: number | Record<string, number>,
): PruningPlan {
  const plan: PruningPlan = {};
  for (const group of graph.groups) {
    if (!group.prunable) continue;
    const s = sparsityFor(sparsity, group.id);
    if (s === undefined) continue;
    const groupScores = scores[group.id];
    if (!groupScores || groupScores.length !== group.channels) {
      throw new LabError(
        'INVALID_ARGUMENT',
        `Scores for group "${group.id}" must have ${group.channels} entries.`,
      );
    }
    plan[group.id] = topKChannels(groupScores, keepCount(group.channels, s));
  }
  return plan;
}

function checkKept(group: ChannelGroup, kept: number[]): void {
  const where = `Plan for group "${group.id}"`;
  if (!group.prunable)
    throw new LabError(
      'INVALID_ARGUMENT',
      `${where} cannot apply: ${group.reason ?? 'the group is not prunable.'}`,
    );
  if (!Array.isArray(kept) || kept.length === 0)
    throw new LabError('INVALID_ARGUMENT', `${where} keeps no channels; keep at least one.`);
  for (let i = 0; i < kept.length; i++) {
    const c = kept[i];
    if (!Number.isInteger(c) || c < 0 || c >= group.channels) {
      throw new LabError(
        'INVALID_ARGUMENT',
        `${where} keeps channel ${c}, but the group has channels 0 to ${group.channels - 1}.`,
      );
    }
    if (i > 0 && c <= kept[i - 1]) {
      throw new LabError(
        'INVALID_ARGUMENT',
        `${where} must list kept channels in ascending order without repeats.`,
      );
    }
  }
}

/** Throws INVALID_ARGUMENT for an unknown or unprunable group, or a malformed kept list. */
export function validatePlan(graph: ChannelGraph, plan: PruningPlan): void {
  const byId = new Map(graph.groups.map((g) => [g.id, g]));
  for (const [groupId, kept] of Object.entries(plan)) {
    const group = byId.get(groupId);
    if (!group)
      throw new LabError(
        'INVALID_ARGUMENT',
        `Plan names group "${groupId}", which is not in the channel graph.`,
      );
    checkKept(group, kept);
  }
}

/** 0/1 keep mask of one group's channels under a plan (all ones when the plan omits the group). */
export function groupKeepMask(group: ChannelGroup, plan: PruningPlan): Uint8Array {
  const kept = plan[group.id];
  const mask = new Uint8Array(group.channels).fill(kept ? 0 : 1);
  if (kept) for (const c of kept) mask[c] = 1;
  return mask;
}

/** Fraction of channels removed from prunable groups, weighted by channel count. */
export function planSparsity(graph: ChannelGraph, plan: PruningPlan): number {
  let total = 0;
  let removed = 0;
  for (const g of graph.groups) {
    if (!g.prunable) continue;
    total += g.channels;
    removed += g.channels - (plan[g.id]?.length ?? g.channels);
  }
  return total ? removed / total : 0;
}
