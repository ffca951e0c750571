import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { buildChannelGraph } from '../graph/channel-graph';
import { maskPoints } from '../graph/channel-masks';
import {
  concatFixture,
  residualFixture,
  sequentialCnnFixture,
} from '../../../test-support/graph/fixture-models';
import { planFromScores } from '../graph/pruning-plan';
import { groupWeightL1Scores } from '../prune/criteria/weight-l1';
import type { ChannelGraph, PruningPlan } from '../graph/types';
import { randomizeWeights } from '../../../test-support/model/random-models';
import { createRng } from '../random';
import { countParams, type ModelSpec } from '../model/spec';
import { buildLayersModel, specFromLayersModel } from '../model/tf-bridge';
import { specToArtifacts } from '../model/write-artifacts';
import { applyPruningPlan } from './apply-plan';
import { maskedForward } from './masked-forward';

const shapeOf = (spec: ModelSpec, weight: string): number[] => spec.weights[weight].shape;

/** Max |pruned − masked| over a seeded batch; disposes everything it makes. */
async function gapToMasked(
  model: tf.LayersModel,
  spec: ModelSpec,
  graph: ChannelGraph,
  plan: PruningPlan,
  inputShape: number[],
): Promise<number> {
  const pruned = await buildLayersModel(applyPruningPlan(spec, graph, plan));
  const x = tf.randomNormal([2, ...inputShape], 0, 1, 'float32', 3);
  const gap = tf.tidy(() => {
    const reference = maskedForward(model, spec, maskPoints(spec, graph, plan), x);
    return tf.max(tf.abs(tf.sub(reference, pruned.predict(x) as tf.Tensor)));
  });
  const value = (await gap.data())[0];
  tf.dispose([gap, x]);
  pruned.dispose();
  return value;
}

async function fixture(
  make: () => tf.LayersModel,
): Promise<{ model: tf.LayersModel; spec: ModelSpec; graph: ChannelGraph }> {
  const model = make();
  randomizeWeights(model, createRng(11));
  const spec = await specFromLayersModel(model);
  return { model, spec, graph: buildChannelGraph(spec) };
}

describe('applyPruningPlan', () => {
  it('prunes a residual model on both shortcut kinds and matches the masked model', async () => {
    const before = tf.memory().numTensors;
    const { model, spec, graph } = await fixture(residualFixture);
    const plan = { stem: [0, 2], a1: [1, 3], b1: [0, 1, 5], b2: [1, 2, 4] };
    const pruned = applyPruningPlan(spec, graph, plan);
    expect(shapeOf(pruned, 'stem/kernel')).toEqual([3, 3, 3, 2]);
    expect(shapeOf(pruned, 'stem_bn/moving_variance')).toEqual([2]);
    expect(shapeOf(pruned, 'a1/kernel')).toEqual([3, 3, 2, 2]);
    expect(shapeOf(pruned, 'a2/kernel')).toEqual([3, 3, 2, 2]);
    expect(shapeOf(pruned, 'b1/kernel')).toEqual([3, 3, 2, 3]);
    expect(shapeOf(pruned, 'b2/kernel')).toEqual([3, 3, 3, 3]);
    expect(shapeOf(pruned, 'proj/kernel')).toEqual([1, 1, 2, 3]);
    expect(shapeOf(pruned, 'head/kernel')).toEqual([3, 3]);
    expect(pruned.layers.find((l) => l.name === 'b1')!.config.filters).toBe(3);
    // The input spec is untouched.
    expect(shapeOf(spec, 'stem/kernel')).toEqual([3, 3, 3, 4]);
    expect(spec.weights['stem_bn/gamma'].data[2]).toBe(pruned.weights['stem_bn/gamma'].data[1]);
    expect(await gapToMasked(model, spec, graph, plan, [6, 6, 3])).toBeLessThanOrEqual(1e-5);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('shifts Concatenate offsets for the BN and conv behind it and maps Flatten rows', async () => {
    const { model, spec, graph } = await fixture(concatFixture);
    const plan = { c1: [1], c2: [0, 3, 4], c3: [0, 2] };
    const pruned = applyPruningPlan(spec, graph, plan);
    const gamma = spec.weights['cat_bn/gamma'].data;
    // Concat channels: c1 → 0..2, c2 → 3..7; kept: 1 and 3+{0,3,4}.
    expect(Array.from(pruned.weights['cat_bn/gamma'].data)).toEqual(
      [1, 3, 6, 7].map((i) => gamma[i]),
    );
    expect(shapeOf(pruned, 'c3/kernel')).toEqual([3, 3, 4, 2]);
    // Flatten of 4×4×4 → rows p·4 + c; kept c ∈ {0, 2} → 32 rows, row 1 of the new kernel is old row 2.
    expect(shapeOf(pruned, 'out/kernel')).toEqual([32, 2]);
    const oldRows = spec.weights['out/kernel'].data;
    expect(Array.from(pruned.weights['out/kernel'].data.slice(2, 4))).toEqual(
      Array.from(oldRows.slice(4, 6)),
    );
    expect(Array.from(pruned.weights['out/kernel'].data.slice(4, 6))).toEqual(
      Array.from(oldRows.slice(8, 10)),
    );
    expect(await gapToMasked(model, spec, graph, plan, [4, 4, 2])).toBeLessThanOrEqual(1e-5);
    model.dispose();
  });

  it('shrinks a Sequential CNN at sparsity 0.5 to the params its layer shapes predict', async () => {
    const { model, spec, graph } = await fixture(sequentialCnnFixture);
    const plan = planFromScores(graph, groupWeightL1Scores(spec, graph), 0.5);
    expect(Object.fromEntries(Object.entries(plan).map(([id, kept]) => [id, kept.length]))).toEqual(
      { conv1: 4, conv2: 8, dense1: 5 },
    );
    const pruned = applyPruningPlan(spec, graph, plan);
    // conv1 3·3·1·8+8, conv2 3·3·8·16+16, dense1 (3·3·16)·10+10, dense2 10·4+4
    const paramsBefore =
      3 * 3 * 1 * 8 + 8 + (3 * 3 * 8 * 16 + 16) + (3 * 3 * 16 * 10 + 10) + (10 * 4 + 4);
    const paramsAfter = 3 * 3 * 1 * 4 + 4 + (3 * 3 * 4 * 8 + 8) + (3 * 3 * 8 * 5 + 5) + (5 * 4 + 4);
    expect(countParams(spec)).toBe(paramsBefore);
    expect(countParams(pruned)).toBe(paramsAfter);
    const bytesBefore = specToArtifacts(spec).weightData.byteLength;
    const bytesAfter = specToArtifacts(pruned).weightData.byteLength;
    expect([bytesBefore, bytesAfter]).toEqual([paramsBefore * 4, paramsAfter * 4]);
    expect(bytesAfter / bytesBefore).toBeCloseTo(paramsAfter / paramsBefore, 12);
    expect(await gapToMasked(model, spec, graph, plan, [8, 8, 1])).toBeLessThanOrEqual(1e-5);
    model.dispose();
  });

  it('rejects malformed plans with INVALID_ARGUMENT messages', async () => {
    const { model, spec, graph } = await fixture(concatFixture);
    model.dispose();
    const cases: [PruningPlan, string][] = [
      [{ nope: [0] }, 'Plan names group "nope", which is not in the channel graph.'],
      [
        { out: [0] },
        'Plan for group "out" cannot apply: Unit "out" reaches the model output "out".',
      ],
      [{ c1: [] }, 'Plan for group "c1" keeps no channels; keep at least one.'],
      [{ c1: [0, 3] }, 'Plan for group "c1" keeps channel 3, but the group has channels 0 to 2.'],
      [
        { c1: [2, 1] },
        'Plan for group "c1" must list kept channels in ascending order without repeats.',
      ],
      [
        { c1: [1, 1] },
        'Plan for group "c1" must list kept channels in ascending order without repeats.',
      ],
    ];
    for (const [plan, message] of cases) {
      expect(() => applyPruningPlan(spec, graph, plan)).toThrow(message);
    }
    const other = buildChannelGraph({
      ...spec,
      layers: spec.layers
        .filter((l) => l.name !== 'c2' && l.name !== 'cat')
        .map((l) => (l.name === 'cat_bn' ? { ...l, inbound: ['c1_relu'] } : l)),
    });
    expect(() => applyPruningPlan(spec, other, {})).toThrow(
      'The channel graph was not built from model "concat_fixture"; rebuild it with buildChannelGraph.',
    );
  });
});
