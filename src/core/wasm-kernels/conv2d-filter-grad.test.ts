import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { filterGradByConv, prefersGemm } from './conv2d-backprop';
import { filterGradByGemm, type FilterGradGeometry } from './conv2d-filter-gemm';
import { convGeometry } from './conv-geometry';
import { withWasmScratch, type WasmBackendLike } from './wasm-scratch';

/** Conv2DBackpropFilter on wasm (both routes) against the cpu backend's kernel. */

interface FilterCase {
  x: [number, number, number, number];
  filter: [number, number, number, number];
  stride: number;
  pad: 'same' | 'valid';
}

const CASES: FilterCase[] = [
  { x: [2, 9, 9, 1], filter: [3, 3, 1, 4], stride: 1, pad: 'same' },
  { x: [3, 7, 6, 5], filter: [3, 3, 5, 6], stride: 1, pad: 'same' },
  { x: [2, 6, 6, 3], filter: [2, 2, 3, 4], stride: 1, pad: 'same' },
  { x: [2, 5, 5, 2], filter: [5, 3, 2, 3], stride: 1, pad: 'same' },
  { x: [2, 9, 9, 1], filter: [3, 3, 1, 4], stride: 2, pad: 'same' },
  { x: [2, 8, 7, 3], filter: [3, 3, 3, 2], stride: 2, pad: 'valid' },
  { x: [3, 7, 7, 4], filter: [3, 2, 4, 5], stride: 1, pad: 'valid' },
  { x: [2, 6, 6, 4], filter: [1, 1, 4, 3], stride: 2, pad: 'same' },
];

function seeded(seed: number, shape: number[]): tf.Tensor {
  let a = seed >>> 0;
  const size = shape.reduce((p, d) => p * d, 1);
  const values = Float32Array.from({ length: size }, () => {
    a = (Math.imul(a, 1664525) + 1013904223) >>> 0;
    return a / 2 ** 31 - 1;
  });
  return tf.tensor(values, shape);
}

function dyShape(c: FilterCase): number[] {
  const span = (len: number, k: number): number =>
    c.pad === 'same' ? Math.ceil(len / c.stride) : Math.ceil((len - k + 1) / c.stride);
  return [c.x[0], span(c.x[1], c.filter[0]), span(c.x[2], c.filter[1]), c.filter[3]];
}

async function kernelOn(
  backend: string,
  c: FilterCase,
  x: tf.Tensor,
  dy: tf.Tensor,
): Promise<Float32Array> {
  const attrs = { strides: c.stride, pad: c.pad, dataFormat: 'NHWC', filterShape: c.filter };
  const tensorsBefore = tf.memory().numTensors;
  const prior = tf.getBackend();
  expect(await tf.setBackend(backend)).toBe(true);
  try {
    const dw = tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, attrs) as tf.Tensor;
    expect(dw.shape).toEqual(c.filter);
    const values = Float32Array.from(dw.dataSync());
    dw.dispose();
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    return values;
  } finally {
    await tf.setBackend(prior);
  }
}

/** Max |a − ref| over max(1, max |ref|). */
function relativeError(a: Float32Array, ref: Float32Array): number {
  let diff = 0;
  let scale = 1;
  for (let i = 0; i < ref.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - ref[i]));
    scale = Math.max(scale, Math.abs(ref[i]));
  }
  return diff / scale;
}

function geometryOf(c: FilterCase): FilterGradGeometry {
  const geo = convGeometry(c.x, c.filter, [c.stride, c.stride], c.pad, undefined, false);
  const dys = dyShape(c);
  return {
    kernel: [c.filter[0], c.filter[1]],
    strides: geo.strides,
    lead: [geo.padTop, geo.padLeft],
    out: [dys[1], dys[2]],
  };
}

type Route = typeof filterGradByGemm;

function routeOnWasm(route: Route, c: FilterCase, x: tf.Tensor, dy: tf.Tensor): Float32Array {
  const backend = tf.backend() as unknown as WasmBackendLike;
  const result = withWasmScratch(backend, (s) => route(s, x, dy, geometryOf(c)));
  const values = Float32Array.from(backend.typedArrayFromHeap(result) as Float32Array);
  backend.disposeData(result.dataId);
  return values;
}

const label = (c: FilterCase): string =>
  `x ${c.x.join('×')}, filter ${c.filter.join('×')}, stride ${c.stride}, ${c.pad}`;

describe('Conv2DBackpropFilter on wasm', () => {
  it.each(CASES.map((c) => [label(c), c] as const))('matches cpu: %s', async (_, c) => {
    expect(tf.getBackend()).toBe('wasm');
    const x = seeded(11, c.x);
    const dy = seeded(12, dyShape(c));
    const ref = await kernelOn('cpu', c, x, dy);
    expect(relativeError(await kernelOn('wasm', c, x, dy), ref)).toBeLessThan(1e-4);
    // Both routes, whichever the kernel picked, on every shape (the GEMM one's row path too).
    const tensorsBefore = tf.memory().numTensors;
    expect(relativeError(routeOnWasm(filterGradByGemm, c, x, dy), ref)).toBeLessThan(1e-4);
    expect(relativeError(routeOnWasm(filterGradByConv, c, x, dy), ref)).toBeLessThan(1e-4);
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    tf.dispose([x, dy]);
  });

  it('uses the GEMM route for stride-1 SAME shapes only, up to 2^24 patch entries', () => {
    const pick = (c: FilterCase): boolean => prefersGemm(c.x, dyShape(c), geometryOf(c));
    const mnist = (x: FilterCase['x'], co: number, stride = 1, pad: 'same' | 'valid' = 'same') =>
      pick({ x, filter: [3, 3, x[3], co], stride, pad });
    expect(mnist([64, 28, 28, 1], 32)).toBe(true);
    expect(mnist([64, 14, 14, 32], 64)).toBe(true);
    expect(mnist([64, 7, 7, 64], 64)).toBe(true);
    expect(mnist([64, 28, 28, 32], 1)).toBe(true);
    expect(mnist([64, 14, 14, 32], 64, 2)).toBe(false);
    expect(mnist([64, 12, 12, 8], 16, 1, 'valid')).toBe(false);
    // 9·64·56·56·64 entries > 2^24: the convolution route materialises nothing.
    expect(mnist([64, 56, 56, 64], 64)).toBe(false);
  });
});
