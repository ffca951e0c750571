import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../src/core/model/spec';
import { calibrationBatch } from '../../src/core/rank-shift/analysis';
import { loadMnistSource } from '../../src/node/mnist-node';
import { runCliCaptured } from '../cli-test-fixtures';
import { loadModelArg } from '../args';

/**
 * The shipped mnist-cnn (conv → BN → ReLU → maxpool, three times) computed here with plain tf ops
 * and plain arrays, independently of the executor, the incremental sweep and the metrics module:
 * conv2's importance on the dense network picks the 32 kept channels (50 %), then conv3's
 * importance is measured with and without conv2's other channels and compared with Kendall's τ.
 */
function weight(spec: ModelSpec, name: string): tf.Tensor {
  const w = spec.weights[name];
  return tf.tensor(w.data, w.shape);
}

function convBlock(spec: ModelSpec, x: tf.Tensor4D, name: string, bn: 'batch' | 'frozen') {
  const z = tf.conv2d(x, weight(spec, `${name}/kernel`) as tf.Tensor4D, 1, 'same');
  const moments = tf.moments(z, [0, 1, 2]);
  const mean = bn === 'batch' ? moments.mean : weight(spec, `${name}_bn/moving_mean`);
  const variance = bn === 'batch' ? moments.variance : weight(spec, `${name}_bn/moving_variance`);
  const normed = tf.div(tf.sub(z, mean), tf.sqrt(tf.add(variance, 1e-3)));
  const y = tf.add(
    tf.mul(normed, weight(spec, `${name}_bn/gamma`)),
    weight(spec, `${name}_bn/beta`),
  );
  return tf.relu(y) as tf.Tensor4D;
}

function channelMeans(x: tf.Tensor): number[] {
  return Array.from(tf.mean(tf.abs(x), [0, 1, 2]).dataSync());
}

function plainKendallTau(a: number[], b: number[]): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++)
    for (let j = i + 1; j < a.length; j++) sum += Math.sign(a[i] - a[j]) * Math.sign(b[i] - b[j]);
  return (2 * sum) / (a.length * (a.length - 1));
}

function independentTau(spec: ModelSpec, x: tf.Tensor, bn: 'batch' | 'frozen'): number {
  return tf.tidy(() => {
    const pool = (t: tf.Tensor4D) => tf.maxPool(t, 2, 2, 'valid');
    const a2 = convBlock(spec, pool(convBlock(spec, x as tf.Tensor4D, 'conv1', bn)), 'conv2', bn);
    const scores2 = channelMeans(a2);
    const order = scores2.map((v, c) => [v, c]).sort((p, q) => q[0] - p[0] || p[1] - q[1]);
    const keep = new Set(order.slice(0, 32).map(([, c]) => c));
    const mask = tf.tensor1d(scores2.map((_, c) => (keep.has(c) ? 1 : 0)));
    const mu = channelMeans(convBlock(spec, pool(a2), 'conv3', bn));
    const nu = channelMeans(convBlock(spec, pool(tf.mul(a2, mask) as tf.Tensor4D), 'conv3', bn));
    return plainKendallTau(mu, nu);
  });
}

describe('rank-shift on the shipped mnist-cnn', () => {
  it('reports its BN mode and matches an independent computation in both modes', async () => {
    const { spec } = loadModelArg('demo:mnist-cnn');
    const x = calibrationBatch(loadMnistSource('mnist'), 256, 1);
    const taus: Record<string, number> = {};
    for (const bn of ['batch', 'frozen'] as const) {
      const argv = ['rank-shift', 'demo:mnist-cnn', '--unit', 'conv3', '--upstream', 'conv2'];
      const r = await runCliCaptured([...argv, '--sparsities', '0.5', '--bn', bn, '--json']);
      expect(r.code).toBe(0);
      const result = JSON.parse(r.stdout);
      expect([result.bnMode, result.calibrationSize]).toEqual([bn, 256]);
      taus[bn] = result.points[0].kendallTau;
      expect(Math.abs(taus[bn] - independentTau(spec, x, bn))).toBeLessThan(0.05);
    }
    x.dispose();
    // Stale moving statistics after pruning reorder conv3 far more than what pruning sees.
    expect(taus.batch - taus.frozen).toBeGreaterThan(0.3);
    console.info(`mnist-cnn conv2→conv3 at 50 %: τ batch ${taus.batch}, frozen ${taus.frozen}`);
  });

  it('rejects an unknown --bn', async () => {
    const r = await runCliCaptured([
      'rank-shift',
      'demo:mnist-cnn',
      '--unit',
      'conv3',
      '--bn',
      'x',
    ]);
    expect([r.code, r.stderr]).toEqual([
      1,
      'error [INVALID_ARGUMENT]: Unknown BatchNorm mode "x" for rank shift: choose batch or frozen.\n',
    ]);
  });
});
