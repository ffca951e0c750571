import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { batchStatsNorm } from './batch-norm';

function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);
}

describe('batchStatsNorm', () => {
  it('matches tf.moments + tf.batchNorm in value and gradient, without leaking tensors', () => {
    const before = tf.memory().numTensors;
    const x = tf.randomNormal([3, 5, 4, 6], 1.5, 2, 'float32', 7);
    const gamma = tf.randomNormal([6], 1, 0.3, 'float32', 8) as tf.Tensor1D;
    const beta = tf.randomNormal([6], 0, 0.3, 'float32', 9) as tf.Tensor1D;
    const probe = tf.randomNormal([3, 5, 4, 6], 0, 1, 'float32', 10); // a non-trivial upstream gradient
    const reference = (xi: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => {
      const { mean, variance } = tf.moments(xi, [0, 1, 2]);
      return tf.sum(tf.mul(tf.batchNorm(xi, mean, variance, b, g, 1e-3), probe));
    };
    const ours = (xi: tf.Tensor, g: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.mul(batchStatsNorm(xi, g as tf.Tensor1D, b as tf.Tensor1D, 1e-3).y, probe));
    const expected = tf.grads(reference)([x, gamma, beta]);
    const actual = tf.grads(ours)([x, gamma, beta]);
    for (let i = 0; i < 3; i++) expect(maxAbsDiff(actual[i], expected[i])).toBeLessThan(1e-4);

    const { y, mean, variance } = batchStatsNorm(x, gamma, beta, 1e-3);
    const ref = tf.moments(x, [0, 1, 2]);
    expect(maxAbsDiff(mean, ref.mean)).toBeLessThan(1e-5);
    expect(maxAbsDiff(variance, ref.variance)).toBeLessThan(1e-4);
    const refY = tf.batchNorm(x, ref.mean, ref.variance, beta, gamma, 1e-3);
    expect(maxAbsDiff(y, refY)).toBeLessThan(1e-5);
    tf.dispose([x, gamma, beta, probe, ...expected, ...actual, y, mean, variance, ref.mean]);
    tf.dispose([ref.variance, refY]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('normalises without gamma and beta', () => {
    tf.tidy(() => {
      const x = tf.tensor4d([1, 3, 5, 7], [1, 2, 2, 1]);
      const { y } = batchStatsNorm(x, undefined, undefined, 0);
      const s = Math.sqrt(5);
      expect(Array.from(y.dataSync()).map((v) => +v.toFixed(5))).toEqual(
        [-3 / s, -1 / s, 1 / s, 3 / s].map((v) => +v.toFixed(5)),
      );
    });
  });
});
