import * as tf from '@tensorflow/tfjs';
import { conv } from '../../../test-support/layers';
import { describe, expect, it } from 'vitest';
import { buildChannelGraph } from '../graph/channel-graph';
import type { ModelSpec } from '../model/spec';
import { specFromLayersModel } from '../model/tf-bridge';
import {
  quadrantSource,
  residualSpec,
  smallCnnSpec,
} from '../../../test-support/pipeline/pipeline-test-models';
import type { ActivationImportanceKind } from '../prune/importance';
import { createRng } from '../random';
import { rankShift, type RankShiftResult } from './analysis';
import type { RankShiftBnMode } from './bn-mode';
import { incrementalRoute } from './incremental-sweep';

/**
 * conv a → BN → ReLU → maxpool → conv b → BN → ReLU → GAP → dense fc (relu) → dense out.
 * BN statistics and biases are random, so folding BN into the kernel is really exercised; a → b takes the
 * fast path through a pool, b → fc through a global pool into a Dense producer.
 */
async function bnChainSpec(): Promise<ModelSpec> {
  const init = (s: number) => tf.initializers.glorotUniform({ seed: 60 + s });
  const model = tf.sequential({
    name: 'bn_chain',
    layers: [
      conv('a', 6, { inputShape: [8, 8, 1], kernelInitializer: init(1) }),
      tf.layers.batchNormalization({ name: 'a_bn' }),
      tf.layers.reLU({ name: 'a_relu' }),
      tf.layers.maxPooling2d({ name: 'pool', poolSize: 2 }),
      conv('b', 8, { kernelInitializer: init(2) }),
      tf.layers.batchNormalization({ name: 'b_bn' }),
      tf.layers.reLU({ name: 'b_relu' }),
      tf.layers.globalAveragePooling2d({ name: 'gap' }),
      tf.layers.dense({ name: 'fc', units: 6, activation: 'relu', kernelInitializer: init(3) }),
      tf.layers.dense({ name: 'out', units: 4, activation: 'softmax', kernelInitializer: init(4) }),
    ],
  });
  const rng = createRng(9);
  const draw = (shape: number[], lo: number, hi: number) =>
    tf.tensor(
      Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => lo + (hi - lo) * rng()),
      shape,
    );
  const ranges: Record<string, [number, number]> = {
    gamma: [0.5, 1.5],
    beta: [-0.3, 0.3],
    moving_mean: [-0.2, 0.2],
    moving_variance: [0.3, 1.5],
    bias: [-0.2, 0.2],
  };
  const values = model.weights.map((w) => {
    const range = ranges[w.originalName.split('/').pop()!];
    return range ? draw(w.shape as number[], ...range) : w.read().clone();
  });
  model.setWeights(values);
  tf.dispose(values);
  const spec = await specFromLayersModel(model, 'bn_chain');
  model.dispose();
  return spec;
}

const SPARSITIES = [0, 0.2, 0.4, 0.5, 0.7, 0.9];

async function bothPaths(
  spec: ModelSpec,
  unit: string,
  upstream: string,
  importance: ActivationImportanceKind = 'l1',
  bnMode: RankShiftBnMode = 'batch',
): Promise<[RankShiftResult, RankShiftResult]> {
  const base = {
    spec,
    source: quadrantSource(96, 16),
    unit,
    upstream,
    sparsities: SPARSITIES,
    calibrationSize: 96,
    importance,
    bnMode,
  };
  const fast = await rankShift(base);
  const masked = await rankShift({ ...base, fastPath: false });
  return [fast, masked];
}

/** Largest |a − b| / |b| over all importances (0 where both are 0). */
function maxRelativeDifference(fast: RankShiftResult, masked: RankShiftResult): number {
  const pairs: [number[], number[]][] = [
    [fast.denseImportance, masked.denseImportance],
    ...fast.points.map((p, i): [number[], number[]] => [p.importance, masked.points[i].importance]),
  ];
  let worst = 0;
  for (const [a, b] of pairs) {
    expect(a).toHaveLength(b.length);
    a.forEach((v, c) => {
      const diff = Math.abs(v - b[c]);
      if (diff > 0) worst = Math.max(worst, diff / Math.abs(b[c]));
    });
  }
  return worst;
}

function rankMetrics(r: RankShiftResult) {
  return r.points.map((p) => [p.sparsity, p.kendallTau, p.levenshtein, p.keptOverlap]);
}

describe('incremental rank-shift sweep', () => {
  it('takes the fast path only where U reaches L through channel-wise layers', async () => {
    const chain = await bnChainSpec();
    const chainGraph = buildChannelGraph(chain);
    const unit = (id: string) => chainGraph.units.find((u) => u.id === id)!;
    const ab = incrementalRoute(chain, chainGraph, unit('a'), unit('b'));
    expect(ab?.producerInput).toBe('pool');
    expect(ab?.followers.map((l) => l.name)).toEqual(['b_bn', 'b_relu']);
    expect(incrementalRoute(chain, chainGraph, unit('b'), unit('fc'))?.producerInput).toBe('gap');
    // a reaches fc only through conv b: not a channel-wise route.
    expect(incrementalRoute(chain, chainGraph, unit('a'), unit('fc'))).toBeNull();
    // Residual: a and b are coupled and reach fc through Add and Flatten.
    const residual = await residualSpec();
    const resGraph = buildChannelGraph(residual);
    const [a, fc] = ['a', 'fc'].map((id) => resGraph.units.find((u) => u.id === id)!);
    expect(incrementalRoute(residual, resGraph, a, fc)).toBeNull();
  });

  it('matches the masked forwards on a CNN with fused ReLU (conv1 → conv2)', async () => {
    const spec = await smallCnnSpec();
    const graph = buildChannelGraph(spec);
    const [conv1, conv2] = ['conv1', 'conv2'].map((id) => graph.units.find((u) => u.id === id)!);
    expect(incrementalRoute(spec, graph, conv1, conv2)?.producerInput).toBe('conv1');
    const [fast, masked] = await bothPaths(spec, 'conv2', 'conv1');
    expect(maxRelativeDifference(fast, masked)).toBeLessThan(1e-5);
    expect(rankMetrics(fast)).toEqual(rankMetrics(masked));
    expect(fast.points[0].kendallTau).toBe(1);
    expect(fast.points[5].kendallTau).toBeLessThan(1); // the sweep does shift the ranking
  });

  it('matches the masked forwards through BN, pooling and a Dense producer, both BN modes', async () => {
    const spec = await bnChainSpec();
    const taus: Record<string, number> = {};
    for (const [unit, upstream] of [
      ['b', 'a'],
      ['fc', 'b'],
    ]) {
      for (const kind of ['l1', 'l0'] as const) {
        for (const bnMode of ['batch', 'frozen'] as const) {
          const [fast, masked] = await bothPaths(spec, unit, upstream, kind, bnMode);
          expect(maxRelativeDifference(fast, masked)).toBeLessThan(1e-5);
          expect(rankMetrics(fast)).toEqual(rankMetrics(masked));
          expect(fast.denseImportance).toHaveLength(unit === 'b' ? 8 : 6);
          expect([fast.bnMode, masked.bnMode]).toEqual([bnMode, bnMode]);
          taus[`${unit}:${kind}:${bnMode}`] = fast.points[4].kendallTau;
        }
      }
    }
    // b's BN normalises differently in the two modes, so b's ranking under a's pruning differs.
    expect(taus['b:l1:batch']).not.toBe(taus['b:l1:frozen']);
  });

  it('matches on a residual model (masked fallback) and leaks no tensors', async () => {
    const residual = await residualSpec();
    const [fast, masked] = await bothPaths(residual, 'fc', 'a');
    expect(fast).toEqual(masked);
    const spec = await bnChainSpec();
    const source = quadrantSource(64, 16);
    const before = tf.memory().numTensors;
    for (const fastPath of [true, false]) {
      const r = await rankShift({ spec, source, unit: 'b', sparsities: SPARSITIES, fastPath });
      expect(r.points).toHaveLength(SPARSITIES.length);
    }
    await expect(rankShift({ spec, source, unit: 'b', sparsities: [0.5, 1.5] })).rejects.toThrow(
      'Sparsity 1.5 is outside [0, 1).',
    );
    expect(tf.memory().numTensors).toBe(before);
  });
});
