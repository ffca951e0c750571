import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';

/** The lab's wasm MaxPoolGrad against the cpu backend's, through tf.grad of maxPool. */

interface PoolCase {
  x: [number, number, number, number];
  size: number;
  stride: number;
  pad: 'same' | 'valid';
}

const CASES: PoolCase[] = [
  { x: [2, 8, 8, 3], size: 2, stride: 2, pad: 'valid' },
  { x: [2, 7, 9, 2], size: 2, stride: 2, pad: 'same' },
  { x: [1, 9, 9, 4], size: 3, stride: 2, pad: 'same' },
  { x: [2, 6, 6, 2], size: 3, stride: 1, pad: 'valid' },
];

/** Small integers in [−4, 0]: many ties (the first maximum must win) and all-negative windows. */
function tiedNegatives(seed: number, shape: PoolCase['x']): tf.Tensor4D {
  let a = seed >>> 0;
  const size = shape.reduce((p, d) => p * d, 1);
  const values = Float32Array.from({ length: size }, () => {
    a = (Math.imul(a, 1664525) + 1013904223) >>> 0;
    return -((a >>> 29) % 5) + 0;
  });
  return tf.tensor(values, shape) as tf.Tensor4D;
}

function pooledSize(c: PoolCase, x: tf.Tensor4D): number {
  return tf.tidy(() => tf.maxPool(x, c.size, c.stride, c.pad).size);
}

/** dx of Σ maxPool(x)·w with w = 1..outSize, so each output's dy is distinct. */
async function poolGradOn(backend: string, c: PoolCase, x: tf.Tensor4D): Promise<Float32Array> {
  expect(await tf.setBackend(backend)).toBe(true);
  try {
    const tensorsBefore = tf.memory().numTensors;
    const weights = tf.range(1, 1 + pooledSize(c, x));
    const grad = tf.grad((input: tf.Tensor) =>
      tf
        .maxPool(input as tf.Tensor4D, c.size, c.stride, c.pad)
        .reshape([-1])
        .mul(weights)
        .sum(),
    );
    const dx = grad(x);
    const values = Float32Array.from(dx.dataSync());
    tf.dispose([dx, weights]);
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    return values;
  } finally {
    await tf.setBackend('wasm');
  }
}

describe('MaxPoolGrad on wasm', () => {
  it.each(CASES.map((c) => [`${c.x.join('×')} pool ${c.size}/${c.stride} ${c.pad}`, c] as const))(
    'routes dy exactly as cpu does: %s',
    async (_, c) => {
      const x = tiedNegatives(5, c.x);
      const ref = await poolGradOn('cpu', c, x);
      const got = await poolGradOn('wasm', c, x);
      expect(got.length).toBe(x.size);
      expect(Array.from(got)).toEqual(Array.from(ref));
      // Every dy lands somewhere: the sum of dx is the sum of the weights 1..outSize.
      const outSize = pooledSize(c, x);
      expect(got.reduce((p, v) => p + v, 0)).toBe((outSize * (outSize + 1)) / 2);
      x.dispose();
    },
  );
});
