import type { ChannelGraph } from '../../graph/types';
import { createRng } from '../../random';
import { DataFreeScorer } from './activation-scorer';
import type { CreateScorer } from './types';

/** Seeded random scores, one fixed vector per group (drawn in group order, so stable per seed). */
export function groupRandomScores(graph: ChannelGraph, seed: number): Record<string, Float32Array> {
  const rng = createRng(seed);
  const scores: Record<string, Float32Array> = {};
  for (const group of graph.groups)
    scores[group.id] = Float32Array.from({ length: group.channels }, () => rng());
  return scores;
}

/** Random (a control): the same scores at every recompute, so only the timing acts. */
export const createRandomScorer: CreateScorer = ({ graph, seed }) => {
  const scores = groupRandomScores(graph, seed);
  return new DataFreeScorer(async (groupIds) =>
    Object.fromEntries(groupIds.map((id) => [id, scores[id]])),
  );
};
