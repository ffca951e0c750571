import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { buildChannelGraph } from '../graph/channel-graph';
import { maskPoints } from '../graph/channel-masks';
import { planFromScores } from '../graph/pruning-plan';
import { createRng } from '../random';
import { groupRandomScores } from '../prune/criteria/random';
import { countParams } from '../model/spec';
import { randomModel } from '../../../test-support/model/random-models';
import { buildLayersModel, specFromLayersModel } from '../model/tf-bridge';
import { applyPruningPlan } from './apply-plan';
import { maskedForward } from './masked-forward';

const SEEDS = Array.from({ length: 60 }, (_, i) => i + 1);

async function maxGap(a: tf.Tensor, b: tf.Tensor): Promise<{ gap: number; scale: number }> {
  const [gapT, scaleT] = tf.tidy(() => [tf.max(tf.abs(tf.sub(a, b))), tf.max(tf.abs(a))]);
  const [gap, scale] = await Promise.all([gapT.data(), scaleT.data()]);
  tf.dispose([gapT, scaleT]);
  return { gap: gap[0], scale: scale[0] };
}

interface SeedResult {
  relativeGap: number;
  unmaskedGap: number;
  prunedGroups: number;
  paramsBefore: number;
  paramsAfter: number;
}

async function checkSeed(seed: number): Promise<SeedResult> {
  const { model, inputShape } = randomModel(seed);
  const spec = await specFromLayersModel(model);
  const graph = buildChannelGraph(spec);
  const rng = createRng(seed * 7919);
  const sparsity: Record<string, number> = {};
  for (const g of graph.groups) if (g.prunable && rng() < 0.85) sparsity[g.id] = rng() * 0.9;
  const plan = planFromScores(graph, groupRandomScores(graph, seed), sparsity);
  const pruned = applyPruningPlan(spec, graph, plan);
  const prunedModel = await buildLayersModel(pruned);
  const x = tf.randomNormal([2, ...inputShape], 0, 1, 'float32', seed);
  const reference = maskedForward(model, spec, maskPoints(spec, graph, plan), x);
  const dense = maskedForward(model, spec, [], x);
  const actual = prunedModel.predict(x) as tf.Tensor;
  const { gap, scale } = await maxGap(reference, actual);
  const unmasked = await maxGap(dense, actual);
  tf.dispose([x, reference, dense, actual]);
  prunedModel.dispose();
  model.dispose();
  const prunedGroups = Object.entries(plan).filter(
    ([id, kept]) => kept.length < graph.groups.find((g) => g.id === id)!.channels,
  ).length;
  return {
    relativeGap: gap / Math.max(scale, 1),
    unmaskedGap: unmasked.gap,
    prunedGroups,
    paramsBefore: countParams(spec),
    paramsAfter: countParams(pruned),
  };
}

describe('applyPruningPlan on random models', () => {
  it('pruned model output equals the masked dense model output for 60 seeded models', async () => {
    const before = tf.memory().numTensors;
    const results: SeedResult[] = [];
    for (const seed of SEEDS) {
      const r = await checkSeed(seed);
      if (!(r.relativeGap <= 1e-4)) throw new Error(`seed ${seed}: relative gap ${r.relativeGap}`);
      results.push(r);
    }
    const worst = Math.max(...results.map((r) => r.relativeGap));
    expect(worst).toBeLessThanOrEqual(1e-4);
    // The check has teeth: most pruned models differ from the unmasked dense model.
    const withPruning = results.filter((r) => r.prunedGroups > 0);
    expect(withPruning.length).toBeGreaterThanOrEqual(45);
    expect(withPruning.filter((r) => r.unmaskedGap > 1e-3).length).toBeGreaterThanOrEqual(40);
    expect(withPruning.every((r) => r.paramsAfter < r.paramsBefore)).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
  });
});
