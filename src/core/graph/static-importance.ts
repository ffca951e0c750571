import type { ModelSpec, WeightTensor } from '../model/spec';
import { handlerFor } from './layer-handlers';
import { seededRng } from './seeded-rng';
import type { ChannelGraph } from './types';

/**
 * Data-free importance scores (method.md §2 baselines), one Float32Array per group, indexed by
 * the group's channel. A coupled group sums its members' scores.
 */

/** mean |W[..., c]| along `axis` of a kernel, for every c. */
export function meanAbsAlongAxis(kernel: WeightTensor, axis: number): Float32Array {
  const shape = kernel.shape;
  const inner = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const size = shape[axis];
  const sums = new Float32Array(size);
  for (let i = 0; i < kernel.data.length; i++)
    sums[Math.floor(i / inner) % size] += Math.abs(kernel.data[i]);
  const perChannel = kernel.data.length / size;
  return sums.map((s) => s / perChannel);
}

export function weightL1Scores(spec: ModelSpec, graph: ChannelGraph): Record<string, Float32Array> {
  const layers = new Map(spec.layers.map((l) => [l.name, l]));
  const scores: Record<string, Float32Array> = {};
  for (const group of graph.groups) scores[group.id] = new Float32Array(group.channels);
  for (const unit of graph.units) {
    const layer = layers.get(unit.producer);
    const where = layer && handlerFor(layer.className)?.outKernel;
    if (!layer || !where) continue;
    const perChannel = meanAbsAlongAxis(spec.weights[layer.weights[where.weightIndex]], where.axis);
    const total = scores[unit.groupId];
    for (let c = 0; c < total.length; c++) total[c] += perChannel[c];
  }
  return scores;
}

/** Seeded uniform scores: the "random" baseline. */
export function randomScores(graph: ChannelGraph, seed: number): Record<string, Float32Array> {
  const rng = seededRng(seed);
  const scores: Record<string, Float32Array> = {};
  for (const group of graph.groups)
    scores[group.id] = Float32Array.from({ length: group.channels }, rng);
  return scores;
}
