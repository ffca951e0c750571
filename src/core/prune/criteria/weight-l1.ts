import { LabError } from '../../errors';
import { layerDescriptor } from '../../layers/registry';
import type { ChannelGraph, PrunableUnit } from '../../graph/types';
import { getLayer, type ModelSpec, type WeightTensor } from '../../model/spec';
import { combineMemberScores, type MemberCombine } from '../importance';
import { DataFreeScorer } from './activation-scorer';
import type { CreateScorer } from './types';

/**
 * Weight L1 (method.md §2, data-free baseline): output channel c scores the mean |W[…, c]| of the
 * producing kernel, read from the current weights at each recompute; a coupled group's members
 * are combined as for activation importance.
 */

/** mean |W| over every axis but `axis`. */
export function meanAbsAlongAxis(weight: WeightTensor, axis: number): Float32Array {
  const channels = weight.shape[axis];
  const inner = weight.shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const sums = new Float64Array(channels);
  for (let i = 0; i < weight.data.length; i++)
    sums[Math.floor(i / inner) % channels] += Math.abs(weight.data[i]);
  const perChannel = weight.data.length / channels;
  return Float32Array.from(sums, (s) => s / perChannel);
}

export function unitWeightL1(spec: ModelSpec, unit: PrunableUnit): Float32Array {
  const layer = getLayer(spec, unit.producer);
  // The layer-handler registry knows where each producer class keeps its output channels.
  const where = layerDescriptor(layer.className)?.outKernel;
  const kernel = where && spec.weights[layer.weights[where.weightIndex]];
  if (!kernel) {
    throw new LabError(
      'UNSUPPORTED',
      `Layer "${layer.name}" (${layer.className}) has no kernel to score by weight L1.`,
    );
  }
  return meanAbsAlongAxis(kernel, where.axis);
}

/** Weight-L1 score of the given groups (default: all), members combined as in importance.ts. */
export function groupWeightL1Scores(
  spec: ModelSpec,
  graph: ChannelGraph,
  groupIds: readonly string[] = graph.groups.map((g) => g.id),
  combine: MemberCombine = 'normalized',
): Record<string, Float32Array> {
  const units = new Map(graph.units.map((u) => [u.id, u]));
  const scores: Record<string, Float32Array> = {};
  for (const group of graph.groups) {
    if (!groupIds.includes(group.id)) continue;
    const members = group.units.map((id) => unitWeightL1(spec, units.get(id)!));
    scores[group.id] = combineMemberScores(members, combine);
  }
  return scores;
}

export const createWeightL1Scorer: CreateScorer = ({ graph, combine }) =>
  new DataFreeScorer(async (groupIds, weights) =>
    groupWeightL1Scores(await weights(), graph, groupIds, combine),
  );
