import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { ModelExecutor } from '../../exec/executor';
import { buildChannelGraph } from '../../graph/channel-graph';
import { getLayer, type ModelSpec } from '../../model/spec';
import { smallCnnSpec } from '../../../../test-support/pipeline/pipeline-test-models';
import { createScorer } from './registry';

/**
 * Taylor importance checked against an independent computation: the small CNN written out in
 * plain tf ops, cut at the measured activation, and tf.grad of the loss with respect to it (no
 * executor, no custom gradient). Loss: mean over the batch of −Σ y·log p.
 */
const loss = (labels: tf.Tensor, probs: tf.Tensor): tf.Scalar =>
  tf.neg(tf.mean(tf.sum(tf.mul(labels, tf.log(probs)), -1))) as tf.Scalar;

function weightsOf(spec: ModelSpec, layer: string): tf.Tensor[] {
  return getLayer(spec, layer).weights.map((n) =>
    tf.tensor(spec.weights[n].data, spec.weights[n].shape),
  );
}

function convRelu(spec: ModelSpec, layer: string, x: tf.Tensor): tf.Tensor4D {
  const [kernel, bias] = weightsOf(spec, layer);
  const z = tf.add(tf.conv2d(x as tf.Tensor4D, kernel as tf.Tensor4D, 1, 'same'), bias);
  return tf.relu(z) as tf.Tensor4D;
}

/** conv2's output (after its mask) → pool → flatten → dense softmax. */
function head(spec: ModelSpec, z2: tf.Tensor): tf.Tensor {
  const [kernel, bias] = weightsOf(spec, 'fc');
  const pooled = tf.maxPool(z2 as tf.Tensor4D, 2, 2, 'valid');
  return tf.softmax(tf.add(tf.matMul(tf.reshape(pooled, [z2.shape[0], -1]), kernel), bias));
}

/** Per-channel mean |a·g| for conv1 (unmasked) and conv2 (× mask2), independently of the lab. */
function independentTaylor(
  spec: ModelSpec,
  x: tf.Tensor,
  y: tf.Tensor,
  mask2: tf.Tensor1D,
): Float32Array[] {
  return tf.tidy(() => {
    const a1 = convRelu(spec, 'conv1', x);
    const fromA1 = (a: tf.Tensor) => loss(y, head(spec, tf.mul(convRelu(spec, 'conv2', a), mask2)));
    const a2 = convRelu(spec, 'conv2', a1);
    const fromZ2 = (z: tf.Tensor) => loss(y, head(spec, z));
    const g1 = tf.grad(fromA1)(a1);
    const g2 = tf.grad(fromZ2)(tf.mul(a2, mask2));
    return [a1.mul(g1), a2.mul(g2)].map(
      (t) => tf.mean(tf.abs(t), [0, 1, 2]).dataSync() as Float32Array,
    );
  });
}

function batch(seed: number): { x: tf.Tensor; y: tf.Tensor } {
  const x = tf.randomUniform([6, 8, 8, 1], 0, 1, 'float32', seed);
  const y = tf.oneHot(tf.tensor1d([0, 1, 2, 3, 1, 2], 'int32'), 4);
  return { x, y };
}

describe('Taylor importance', () => {
  it('equals mean |a · ∂L/∂a| from tf.grad over two steps, masked unit included, without leaks', async () => {
    const spec = await smallCnnSpec();
    const graph = buildChannelGraph(spec);
    expect(graph.units.map((u) => u.measurementLayer).slice(0, 2)).toEqual(['conv1', 'conv2']);
    const mask2 = tf.tensor1d([1, 0, 1, 1, 0, 1, 1, 0]);
    const batches = [batch(1), batch(2)];
    const expected = batches.map((b) => independentTaylor(spec, b.x, b.y, mask2));
    const before = tf.memory().numTensors;
    const groupIds = graph.groups.map((g) => g.id);
    const context = { spec, graph, scheduledGroupIds: groupIds, combine: 'sum' as const, seed: 1 };
    const scorer = createScorer('taylor', context);
    const executor = new ModelExecutor(spec, { bnMode: 'batch' });
    const observed = scorer.layersOf(['conv1', 'conv2']);
    expect([...observed]).toEqual(['conv1', 'conv2']);
    for (const { x, y } of batches) {
      const transformOutput = (layer: string, t: tf.Tensor) =>
        observed.has(layer) ? scorer.tap(layer, t, layer === 'conv2' ? mask2 : undefined) : t;
      const { value, grads } = tf.variableGrads(
        () => loss(y, executor.forward(x, { training: true, transformOutput })),
        executor.trainableVariables(),
      );
      tf.dispose([value, ...Object.values(grads)]);
    }
    expect(scorer.stepsObserved('conv1')).toBe(2);
    const scores = await scorer.groupScores(['conv1', 'conv2'], () => Promise.resolve(spec));
    for (const [i, id] of ['conv1', 'conv2'].entries()) {
      const mean = expected[0][i].map((v, c) => (v + expected[1][i][c]) / 2);
      // Relative to the unit's largest score (the scores are small: the loss is a batch mean).
      const scale = Math.max(...mean);
      const worst = Math.max(...scores[id].map((v, c) => Math.abs(v - mean[c]) / scale));
      expect(worst).toBeLessThan(1e-5);
      expect(Math.min(...mean)).toBeGreaterThan(0); // a masked channel still scores
    }
    scorer.dispose();
    executor.dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([mask2, ...batches.flatMap((b) => [b.x, b.y])]);
  });

  it('observes nothing in a forward pass without gradients', async () => {
    const spec = await smallCnnSpec();
    const graph = buildChannelGraph(spec);
    const context = { spec, graph, scheduledGroupIds: ['conv1'], combine: 'sum' as const, seed: 1 };
    const scorer = createScorer('taylor', context);
    const executor = new ModelExecutor(spec, { bnMode: 'batch' });
    const { x, y } = batch(3);
    const out = executor.forward(x, {
      training: true,
      transformOutput: (layer, t) => (layer === 'conv1' ? scorer.tap(layer, t) : t),
    });
    expect(out.shape).toEqual([6, 4]);
    expect(scorer.stepsObserved('conv1')).toBe(0);
    tf.dispose([out, x, y]);
    scorer.dispose();
    executor.dispose();
  });
});
