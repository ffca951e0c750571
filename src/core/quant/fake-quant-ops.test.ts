import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { fakeQuantActivation, fakeQuantWeight, weightScales } from './fake-quant-ops';
import { ActivationQuantizer } from './activation-quantizer';
import { fakeQuantActivationValues, fakeQuantSymmetric, symmetricScales } from './quantize-math';

function seededValues(n: number, seed: number, amplitude = 1): Float32Array {
  let s = seed;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    out[i] = ((s / 2147483648) * 2 - 1) * amplitude;
  }
  return out;
}

/** tf.round(−0.3) is −0 while Int32 codes are +0; the grids are the same. */
function unsignedZeros(values: ArrayLike<number>): number[] {
  return Array.from(values, (v) => v + 0);
}

describe('fakeQuantWeight', () => {
  it('equals the typed-array maths per output channel and per tensor, pow2 or not', () => {
    const shape = [3, 3, 2, 4];
    const data = seededValues(72, 7, 0.8);
    for (const opts of [
      { bits: 8, perChannelAxis: 3, pow2: false },
      { bits: 4, perChannelAxis: 3, pow2: true },
      { bits: 2, perChannelAxis: null, pow2: false },
    ]) {
      const before = tf.memory().numTensors;
      const w = tf.tensor(data, shape);
      const out = fakeQuantWeight(w, opts);
      expect(out.shape).toEqual(shape);
      expect(unsignedZeros(out.dataSync())).toEqual(
        unsignedZeros(fakeQuantSymmetric(data, shape, opts)),
      );
      const s = weightScales(w, opts);
      expect(Array.from(s.dataSync())).toEqual(Array.from(symmetricScales(data, shape, opts)));
      tf.dispose([w, out, s]);
      expect(tf.memory().numTensors).toBe(before);
    }
  });

  it('passes the gradient straight through (every weight is inside the max-abs range)', () => {
    const before = tf.memory().numTensors;
    const w = tf.tensor(seededValues(24, 3), [2, 3, 4]);
    const dy = tf.tensor(seededValues(24, 5), [2, 3, 4]);
    const g = tf.grad((x: tf.Tensor) =>
      tf.sum(tf.mul(fakeQuantWeight(x, { bits: 4, perChannelAxis: 2, pow2: false }), dy)),
    )(w);
    expect(Array.from(g.dataSync())).toEqual(Array.from(dy.dataSync()));
    tf.dispose([w, dy, g]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('keeps an all-zero channel at zero', () => {
    const w = tf.tensor2d([
      [0, 1],
      [0, -3],
    ]);
    const out = fakeQuantWeight(w, { bits: 4, perChannelAxis: 1, pow2: false });
    // Channel 0 is all zero (scale 1, codes 0); channel 1 has s = 3/7, so 1 → round(2.33)·s.
    expect(unsignedZeros(out.dataSync())).toEqual([0, Math.fround(2 * Math.fround(3 / 7)), 0, -3]);
    tf.dispose([w, out]);
  });
});

describe('fakeQuantActivation', () => {
  it('matches the typed-array maths and lands on the grid', () => {
    const data = seededValues(50, 11, 3);
    const before = tf.memory().numTensors;
    const x = tf.tensor(data);
    const out = fakeQuantActivation(x, -1.3, 2.2, 4);
    const got = out.dataSync();
    expect(unsignedZeros(got)).toEqual(
      unsignedZeros(fakeQuantActivationValues(data, -1.3, 2.2, 4)),
    );
    const step = 3.5 / 15;
    for (const v of got) {
      const q = (v - Math.fround(-1.3)) / step;
      expect(Math.abs(q - Math.round(q))).toBeLessThan(1e-4);
    }
    tf.dispose([x, out]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('passes the gradient inside [lo, hi] and zeroes it outside', () => {
    const before = tf.memory().numTensors;
    const x = tf.tensor1d([-2, -1, 0, 0.5, 1, 1.5]);
    const g = tf.grad((v: tf.Tensor) =>
      tf.sum(tf.mul(fakeQuantActivation(v, -1, 1, 8), tf.tensor1d([1, 2, 3, 4, 5, 6]))),
    )(x);
    expect(Array.from(g.dataSync())).toEqual([0, 2, 3, 4, 5, 0]);
    tf.dispose([x, g]);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('ActivationQuantizer', () => {
  it('tracks cumulative-mean bounds and switches on after the delay', async () => {
    const before = tf.memory().numTensors;
    const q = new ActivationQuantizer({ bits: 2, delaySteps: 3 });
    const a = tf.tensor1d([-1, 0, 3]);
    const b = tf.tensor1d([-3, 1, 5]);
    expect(q.apply(a, 5)).toBe(a); // nothing observed yet: identity
    q.observe(a);
    q.observe(b);
    // Before the read-back, apply folds the pending pairs in tensors: the same grid.
    const pendingOut = tf.tidy(() => q.apply(a, 3));
    expect(Array.from(pendingOut.dataSync())).toEqual([-2, 0, 2]);
    expect(() => q.range).toThrow(
      'ActivationQuantizer.range was read with observations pending; await flush() first.',
    );
    await q.flush();
    pendingOut.dispose();
    expect(q.range).toEqual({ lo: -2, hi: 4, count: 2 });
    expect(q.apply(a, 2)).toBe(a);
    const out = q.apply(a, 3); // step 2, grid {−2, 0, 2, 4}
    expect(Array.from(out.dataSync())).toEqual([-2, 0, 2]); // ties 0.5 and 2.5 round to even
    tf.dispose([a, b, out]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a QAT step that uses its own batch as pending range passes the gradient straight through', () => {
    const before = tf.memory().numTensors;
    const q = new ActivationQuantizer({ bits: 2, delaySteps: 0 });
    const x = tf.tensor1d([-1, 0.4, 3]);
    const g = tf.grad((input: tf.Tensor) => {
      q.observe(input);
      return tf.sum(tf.mul(q.apply(input, 0), tf.tensor1d([1, 2, 3])));
    })(x);
    // Every x lies inside its own [min, max]: dy, and nothing through the observed bounds.
    expect(Array.from(g.dataSync())).toEqual([1, 2, 3]);
    q.dispose();
    tf.dispose([x, g]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
