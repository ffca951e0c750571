import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { ModelExecutor } from '../exec/executor';
import { exportStock } from '../export/export-stock';
import { buildChannelGraph } from '../graph/channel-graph';
import { maskPoints } from '../graph/channel-masks';
import { planFromScores } from '../graph/pruning-plan';
import { randomModel } from '../../../test-support/model/random-models';
import type { ModelSpec } from '../model/spec';
import { specFromLayersModel } from '../model/tf-bridge';
import { groupRandomScores } from '../prune/criteria/random';
import { createRng, type Rng } from '../random';
import { loadStockModel } from '../report/stock-model';
import { applyPruningPlan } from '../surgery/apply-plan';
import {
  insertRandomly,
  randomWeight,
  type Insertion,
} from '../../../test-support/layers/insert-layer-fixture';

/**
 * Surgery equivalence for the classes added through the registry alone: each is spliced into
 * seeded random models (twice per model), random groups are pruned, and the pruned model's output
 * must equal the masked original's within 1e-4 relative — in the lab's executor and after the
 * export is loaded by stock tf.loadLayersModel.
 */
const SEEDS = Array.from({ length: 16 }, (_, i) => i + 1);

const MAKERS: Record<string, (rng: Rng) => (name: string, shape: number[]) => Insertion> = {
  PReLU: (rng) => (name, shape) => {
    const shared = rng() < 0.5;
    const alphaShape = shared ? [1, 1, shape[2]] : shape.slice();
    const layer = {
      name,
      className: 'PReLU',
      config: { name, trainable: true, shared_axes: shared ? [1, 2] : null },
      weights: [`${name}/alpha`],
    };
    return {
      layers: [layer],
      weights: { [`${name}/alpha`]: randomWeight(rng, alphaShape, -0.9, 0.9) },
    };
  },
  SpatialDropout2D: () => (name) => ({
    layers: [
      {
        name,
        className: 'SpatialDropout2D',
        config: { name, trainable: true, rate: 0.3 },
        weights: [],
      },
    ],
    weights: {},
  }),
  // Padding then cropping the opposite borders keeps the shape but shifts the content, so the
  // crop cuts real rows and columns and the model's other layers keep their weight shapes.
  Cropping2D: (rng) => (name) => {
    const [top, bottom, left, right] = [0, 0, 0, 0].map(() => Math.floor(rng() * 3));
    const pad = { name: `${name}_pad`, className: 'ZeroPadding2D', weights: [] };
    const crop = { name, className: 'Cropping2D', weights: [] };
    return {
      layers: [
        {
          ...pad,
          config: {
            name: pad.name,
            padding: [
              [top, bottom],
              [left, right],
            ],
          },
        },
        {
          ...crop,
          config: {
            name,
            cropping: [
              [bottom, top],
              [right, left],
            ],
            data_format: 'channels_last',
          },
        },
      ],
      weights: {},
    };
  },
};

interface SeedResult {
  executorGap: number;
  stockGap: number;
  unmaskedGap: number;
  /** Inserted layers whose input lost channels to the plan. */
  prunedThrough: number;
}

function relativeGap(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => {
    const gap = tf.max(tf.abs(tf.sub(a, b))).dataSync()[0];
    return gap / Math.max(tf.max(tf.abs(a)).dataSync()[0], 1);
  });
}

function run(spec: ModelSpec, x: tf.Tensor, masks?: Map<string, tf.Tensor1D>): tf.Tensor {
  const executor = new ModelExecutor(spec);
  const y = executor.forward(x, { training: false, masks });
  executor.dispose();
  return y;
}

async function checkSeed(className: string, seed: number): Promise<SeedResult> {
  const { model, inputShape } = randomModel(seed);
  const base = await specFromLayersModel(model);
  model.dispose();
  const rng = createRng(seed * 104729);
  const spec = insertRandomly(base, rng, 2, MAKERS[className](rng));
  const graph = buildChannelGraph(spec);
  const sparsity: Record<string, number> = {};
  for (const g of graph.groups) if (g.prunable && rng() < 0.85) sparsity[g.id] = 0.2 + rng() * 0.7;
  const plan = planFromScores(graph, groupRandomScores(graph, seed), sparsity);
  const pruned = applyPruningPlan(spec, graph, plan);
  const points = maskPoints(spec, graph, plan);
  const masks = new Map(points.map((p) => [p.layer, tf.tensor1d(p.mask)]));
  // The download the lab offers (float weights), loaded as a user's page would.
  const float = { weightBits: 32, activationBits: 32, perChannel: true, pow2: false };
  const stock = await loadStockModel(exportStock(pruned, float).files);
  const x = tf.randomNormal([2, ...inputShape], 0, 1, 'float32', seed);
  const [reference, dense, actual] = [run(spec, x, masks), run(spec, x), run(pruned, x)];
  const fromStock = stock.predict(x) as tf.Tensor;
  const result = {
    executorGap: relativeGap(reference, actual),
    stockGap: relativeGap(reference, fromStock),
    unmaskedGap: relativeGap(dense, actual),
    prunedThrough: prunedThrough(spec, pruned, className),
  };
  tf.dispose([x, reference, dense, actual, fromStock, ...masks.values()]);
  stock.dispose();
  return result;
}

/** Inserted layers whose output is narrower in the pruned model (shape inference on both). */
function prunedThrough(spec: ModelSpec, pruned: ModelSpec, className: string): number {
  const widths = (s: ModelSpec) =>
    new Map(s.layers.map((l) => [l.name, s.weights[`${l.name}/alpha`]?.shape.at(-1)]));
  const inserted = spec.layers.filter((l) => l.className === className).map((l) => l.name);
  const [before, after] = [widths(spec), widths(pruned)];
  if (className === 'PReLU') return inserted.filter((n) => after.get(n)! < before.get(n)!).length;
  const consumersLostInputs = inserted.filter((n) => {
    const next = spec.layers.find((l) => l.inbound.includes(n));
    const kernel = next?.weights[0];
    return (
      kernel !== undefined &&
      pruned.weights[kernel].shape.join() !== spec.weights[kernel].shape.join()
    );
  });
  return consumersLostInputs.length;
}

describe.each(Object.keys(MAKERS))('surgery through %s', (className) => {
  it(`pruned ${className} models equal the masked original within 1e-4, also as a stock tfjs export`, async () => {
    const before = tf.memory().numTensors;
    const results: SeedResult[] = [];
    for (const seed of SEEDS) results.push(await checkSeed(className, seed));
    expect(Math.max(...results.map((r) => r.executorGap))).toBeLessThanOrEqual(1e-4);
    expect(Math.max(...results.map((r) => r.stockGap))).toBeLessThanOrEqual(1e-4);
    // Teeth: pruning changed most outputs, and channels were cut through the inserted layers.
    expect(results.filter((r) => r.unmaskedGap > 1e-3).length).toBeGreaterThanOrEqual(10);
    expect(results.reduce((n, r) => n + r.prunedThrough, 0)).toBeGreaterThanOrEqual(10);
    expect(tf.memory().numTensors).toBe(before);
  });
});
