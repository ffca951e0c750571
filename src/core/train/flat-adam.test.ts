import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { FlatAdam, splitStep } from './flat-adam';

describe('FlatAdam', () => {
  it('takes the same steps as tf.train.adam on several variables, without leaking', () => {
    const before = tf.memory().numTensors;
    const init = [
      tf.randomNormal([3, 4], 0, 1, 'float32', 1),
      tf.randomNormal([5], 0, 1, 'float32', 2),
    ];
    const ours = init.map((t) => tf.tidy(() => tf.variable(t.clone(), true)));
    const theirs = init.map((t) => tf.tidy(() => tf.variable(t.clone(), true)));
    const flat = new FlatAdam(0.01);
    const reference = tf.train.adam(0.01);
    for (let step = 0; step < 4; step++) {
      if (step === 2) {
        flat.learningRate = 0.003; // schedules change it between steps
        (reference as unknown as { learningRate: number }).learningRate = 0.003;
      }
      const grads = init.map((t, i) =>
        tf.randomNormal(t.shape, 0, 1 + step, 'float32', 10 * step + i),
      );
      flat.apply(ours, grads);
      reference.applyGradients(theirs.map((v, i) => ({ name: v.name, tensor: grads[i] })));
      tf.dispose(grads);
    }
    ours.forEach((v, i) => {
      const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(v, theirs[i]))).dataSync()[0]);
      expect(diff).toBeLessThan(1e-6);
      const moved = tf.tidy(() => tf.max(tf.abs(tf.sub(v, init[i]))).dataSync()[0]);
      expect(moved).toBeGreaterThan(0.01);
    });
    flat.dispose();
    reference.dispose();
    tf.dispose([...init, ...ours, ...theirs]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('starts fresh moments when the variable set changes', () => {
    const a = tf.variable(tf.zeros([2]));
    const b = tf.variable(tf.zeros([3]));
    const flat = new FlatAdam(0.1);
    const g2 = tf.ones([2]);
    const g3 = tf.ones([3]);
    flat.apply([a], [g2]);
    flat.apply([a, b], [g2, g3]);
    // A first Adam step moves every coordinate by lr (m̂ / √v̂ = ±1); b's first step is one.
    expect(Array.from(b.dataSync()).map((x) => +x.toFixed(4))).toEqual([-0.1, -0.1, -0.1]);
    flat.dispose();
    tf.dispose([a, b, g2, g3]);
  });

  it('cuts the flat step into per-variable tensors by read-back and by slicing alike', () => {
    const step = tf.range(0, 10);
    const shapes = [
      { size: 6, shape: [2, 3] },
      { size: 4, shape: [4] },
    ];
    for (const readBack of [true, false]) {
      const pieces = splitStep(step, shapes, readBack);
      expect(pieces.map((p) => p.shape)).toEqual([[2, 3], [4]]);
      expect(pieces.map((p) => Array.from(p.dataSync()))).toEqual([
        [0, 1, 2, 3, 4, 5],
        [6, 7, 8, 9],
      ]);
      tf.dispose(pieces);
    }
    step.dispose();
  });
});
