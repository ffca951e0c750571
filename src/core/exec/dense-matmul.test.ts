import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { denseMatMul } from './dense-matmul';

function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);
}

describe('denseMatMul', () => {
  it('matches tf.matMul in value and in both gradients, without leaking tensors', () => {
    const before = tf.memory().numTensors;
    const x = tf.randomNormal([5, 7], 0, 1, 'float32', 1) as tf.Tensor2D;
    const w = tf.randomNormal([7, 3], 0, 1, 'float32', 2) as tf.Tensor2D;
    const probe = tf.randomNormal([5, 3], 0, 1, 'float32', 3);
    const loss =
      (f: (a: tf.Tensor2D, b: tf.Tensor2D) => tf.Tensor) => (a: tf.Tensor, b: tf.Tensor) =>
        tf.sum(tf.mul(f(a as tf.Tensor2D, b as tf.Tensor2D), probe));
    const expected = tf.grads(loss((a, b) => tf.matMul(a, b)))([x, w]);
    const actual = tf.grads(loss(denseMatMul))([x, w]);
    expect(actual.map((t) => t.shape)).toEqual([
      [5, 7],
      [7, 3],
    ]);
    for (let i = 0; i < 2; i++) expect(maxAbsDiff(actual[i], expected[i])).toBeLessThan(1e-5);
    const y = denseMatMul(x, w);
    const ref = tf.matMul(x, w);
    expect(maxAbsDiff(y, ref)).toBeLessThan(1e-6);
    tf.dispose([x, w, probe, ...expected, ...actual, y, ref]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
