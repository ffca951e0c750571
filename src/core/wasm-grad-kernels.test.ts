import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  isLabWasmKernel,
  registerWasmGradientKernels,
  WASM_LAB_KERNEL_NAMES,
} from './wasm-grad-kernels';

import { createRng as seededRandom } from './random';

const intIn = (rng: () => number, lo: number, hi: number): number =>
  lo + Math.floor(rng() * (hi - lo + 1));
const values = (rng: () => number, size: number): Float32Array =>
  Float32Array.from({ length: size }, () => rng() * 2 - 1);
const sizeOf = (shape: number[]): number => shape.reduce((a, b) => a * b, 1);

type Pad =
  'same' | 'valid' | [[number, number], [number, number], [number, number], [number, number]];

interface ConvCase {
  label: string;
  xShape: [number, number, number, number];
  filterShape: [number, number, number, number];
  stride: number;
  pad: Pad;
  depthwise: boolean;
}

/** Sizes of parity `parity` that still fit the kernel, so VALID yields ≥ 1 output. */
function spatial(rng: () => number, kernel: number, parity: number): number {
  const h = intIn(rng, kernel + 1, kernel + 8);
  return h % 2 === parity ? h : h + 1;
}

function makeCases(seed: number, depthwise: boolean): ConvCase[] {
  const rng = seededRandom(seed);
  const cases: ConvCase[] = [];
  for (const pad of ['same', 'valid'] as const) {
    for (const stride of [1, 2]) {
      for (const parity of [0, 1]) {
        const kh = intIn(rng, 1, 4);
        const kw = intIn(rng, 1, 4);
        const cin = intIn(rng, 1, 4);
        const last = depthwise ? (parity === 0 ? 1 : 2) : intIn(rng, 1, 5);
        const xShape: ConvCase['xShape'] = [
          intIn(rng, 1, 3),
          spatial(rng, kh, parity),
          spatial(rng, kw, 1 - parity),
          cin,
        ];
        const label = `${depthwise ? 'depthwise' : 'conv'} ${pad} s${stride} x[${xShape}] k${kh}x${kw}x${cin}x${last}`;
        cases.push({ label, xShape, filterShape: [kh, kw, cin, last], stride, pad, depthwise });
      }
    }
  }
  const explicit: Pad = [
    [0, 0],
    [2, 0],
    [0, 1],
    [0, 0],
  ];
  cases.push({
    label: `${depthwise ? 'depthwise' : 'conv'} explicit s1`,
    xShape: [2, 7, 6, 3],
    filterShape: [3, 3, 3, depthwise ? 1 : 4],
    stride: 1,
    pad: explicit,
    depthwise,
  });
  return cases;
}

function outShapeOf(c: ConvCase): number[] {
  const info = tf.backend_util.computeConv2DInfo(
    c.xShape,
    c.filterShape,
    c.stride,
    1,
    c.pad,
    undefined,
    c.depthwise,
  );
  return info.outShape;
}

/** Runs `build` on `backend` and returns copies of its outputs; always returns to wasm. */
async function runOn(backend: string, build: () => tf.Tensor[]): Promise<Float32Array[]> {
  expect(await tf.setBackend(backend)).toBe(true);
  try {
    const outs = tf.tidy(build);
    const arrays = outs.map((t) => Float32Array.from(t.dataSync()));
    tf.dispose(outs);
    return arrays;
  } finally {
    await tf.setBackend('wasm');
  }
}

/** Max |a − ref| relative to the brief's tolerance 1e-4 · max(1, max|ref|); ≤ 1 passes. */
function relativeError(a: Float32Array, ref: Float32Array): number {
  expect(a.length).toBe(ref.length);
  let diff = 0;
  let scale = 1;
  for (let i = 0; i < ref.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - ref[i]));
    scale = Math.max(scale, Math.abs(ref[i]));
  }
  return diff / (1e-4 * scale);
}

/** dx and dW of Σ(conv(x, W) ⊙ dy): exercises the backprop kernels through tfjs's own gradients. */
function convGrads(c: ConvCase, seed: number): () => tf.Tensor[] {
  const rng = seededRandom(seed);
  const xVals = values(rng, sizeOf(c.xShape));
  const wVals = values(rng, sizeOf(c.filterShape));
  const dyShape = outShapeOf(c);
  const dyVals = values(rng, sizeOf(dyShape));
  return () => {
    const dy = tf.tensor(dyVals, dyShape);
    const forward = (x: tf.Tensor, w: tf.Tensor): tf.Tensor => {
      const x4 = x as tf.Tensor4D;
      const w4 = w as tf.Tensor4D;
      const y = c.depthwise
        ? tf.depthwiseConv2d(x4, w4, c.stride, c.pad)
        : tf.conv2d(x4, w4, c.stride, c.pad);
      return tf.sum(tf.mul(y, dy));
    };
    return tf.grads(forward)([tf.tensor(xVals, c.xShape), tf.tensor(wVals, c.filterShape)]);
  };
}

async function expectMatchesCpu(c: ConvCase, seed: number): Promise<void> {
  const build = convGrads(c, seed);
  const ref = await runOn('cpu', build);
  const wasmBackend = tf.backend() as unknown as { numDataIds(): number };
  const tensorsBefore = tf.memory().numTensors;
  const buffersBefore = wasmBackend.numDataIds();
  const got = await runOn('wasm', build);
  expect(tf.memory().numTensors, `${c.label}: tensors`).toBe(tensorsBefore);
  expect(wasmBackend.numDataIds(), `${c.label}: wasm buffers`).toBe(buffersBefore);
  expect(relativeError(got[0], ref[0]), `${c.label}: dx`).toBeLessThanOrEqual(1);
  expect(relativeError(got[1], ref[1]), `${c.label}: dW`).toBeLessThanOrEqual(1);
}

describe('registerWasmGradientKernels', () => {
  afterEach(() => vi.restoreAllMocks());

  it('registers lab kernels for all six names and is idempotent without warnings', () => {
    expect(tf.getBackend()).toBe('wasm');
    const before = WASM_LAB_KERNEL_NAMES.map((name) => tf.getKernel(name, 'wasm'));
    const warn = vi.spyOn(console, 'warn');
    registerWasmGradientKernels();
    registerWasmGradientKernels();
    expect(warn).toHaveBeenCalledTimes(0);
    expect(WASM_LAB_KERNEL_NAMES).toEqual([
      'Conv2DBackpropFilter',
      'DepthwiseConv2dNativeBackpropFilter',
      'DepthwiseConv2dNativeBackpropInput',
      'Conv2DBackpropInput',
      'MaxPoolGrad',
      'Tile',
    ]);
    expect(WASM_LAB_KERNEL_NAMES.map((name) => isLabWasmKernel(name))).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(WASM_LAB_KERNEL_NAMES.map((name) => tf.getKernel(name, 'wasm'))).toEqual(before);
  });

  it('rejects dilated depthwise gradients with a clear message', () => {
    const x = tf.ones([1, 5, 5, 2]) as tf.Tensor4D;
    const dy = tf.ones([1, 5, 5, 2]) as tf.Tensor4D;
    const attrs = { strides: 1, pad: 'same', dilations: [2, 2], filterShape: [3, 3, 2, 1] };
    expect(() =>
      tf.engine().runKernel('DepthwiseConv2dNativeBackpropFilter', { x, dy }, attrs),
    ).toThrow(
      'The wasm DepthwiseConv2dNativeBackpropFilter gradient supports dilation 1 only, got [2, 2].',
    );
    tf.dispose([x, dy]);
  });
});

describe('wasm convolution gradients match the cpu backend', () => {
  const convCases = makeCases(7, false);
  const depthwiseCases = makeCases(11, true);

  it('covers SAME/VALID × stride 1/2 × odd/even sizes, plus an explicit pad', () => {
    expect(convCases).toHaveLength(9);
    expect(depthwiseCases).toHaveLength(9);
    expect(new Set(depthwiseCases.map((c) => c.filterShape[3]))).toEqual(new Set([1, 2]));
  });

  it.each(convCases.map((c, i) => [c.label, c, i] as const))('%s', async (_label, c, i) => {
    await expectMatchesCpu(c, 100 + i);
  });

  it.each(depthwiseCases.map((c, i) => [c.label, c, i] as const))('%s', async (_label, c, i) => {
    await expectMatchesCpu(c, 200 + i);
  });

  it('matches conv2dTranspose (stride 2, SAME) forward, which runs Conv2DBackpropInput', async () => {
    const rng = seededRandom(5);
    const xVals = values(rng, 2 * 4 * 5 * 3);
    const wVals = values(rng, 3 * 3 * 6 * 3);
    const build = (): tf.Tensor[] => [
      tf.conv2dTranspose(
        tf.tensor4d(xVals, [2, 4, 5, 3]),
        tf.tensor4d(wVals, [3, 3, 6, 3]),
        [2, 8, 9, 6],
        2,
        'same',
      ),
    ];
    const ref = await runOn('cpu', build);
    const got = await runOn('wasm', build);
    expect(got[0].length).toBe(2 * 8 * 9 * 6);
    expect(relativeError(got[0], ref[0])).toBeLessThanOrEqual(1);
  });
});

describe('wasm MaxPoolGrad', () => {
  it('routes the gradient of an all-negative window to its maximum (wasm 4.22 misroutes it)', async () => {
    const build = (): tf.Tensor[] => {
      const x = tf.tensor4d([-3, -1, -4, -7, -5, -9, -2, -6], [1, 2, 4, 1]);
      return [
        tf.grad((t: tf.Tensor) =>
          tf.sum(
            tf.mul(
              tf.maxPool(t as tf.Tensor4D, 2, 2, 'valid'),
              tf.tensor4d([10, 20], [1, 1, 2, 1]),
            ),
          ),
        )(x),
      ];
    };
    const [got] = await runOn('wasm', build);
    expect(Array.from(got)).toEqual([0, 10, 0, 0, 0, 0, 20, 0]);
  });

  it.each([
    [2, 2, 'valid', [2, 6, 7, 3]],
    [3, 2, 'same', [1, 9, 8, 2]],
    [3, 1, 'same', [2, 5, 6, 4]],
    [2, 1, 'valid', [1, 7, 5, 5]],
  ] as const)('pool %i stride %i %s on x[%s] matches cpu', async (size, stride, pad, shape) => {
    const rng = seededRandom(size * 10 + stride);
    const xVals = values(rng, sizeOf([...shape]));
    const build = (): tf.Tensor[] => {
      const x = tf.tensor4d(xVals, [...shape]);
      const pool = (t: tf.Tensor): tf.Tensor => tf.maxPool(t as tf.Tensor4D, size, stride, pad);
      const dy = tf.sin(tf.range(1, sizeOf(pool(x).shape) + 1).reshape(pool(x).shape));
      return [tf.grad((t: tf.Tensor) => tf.sum(tf.mul(pool(t), dy)))(x)];
    };
    const tensorsBefore = tf.memory().numTensors;
    const [ref] = await runOn('cpu', build);
    const [got] = await runOn('wasm', build);
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    expect(relativeError(got, ref)).toBeLessThanOrEqual(1);
  });
});

describe('wasm Tile (block copies)', () => {
  it.each([
    [[3], [4]],
    [
      [2, 3],
      [3, 1],
    ],
    [
      [1, 1, 1, 5],
      [4, 6, 6, 1],
    ],
    [
      [2, 1, 3, 2],
      [1, 3, 2, 2],
    ],
  ] as const)('x%j tiled by %j equals cpu exactly', async (shape, reps) => {
    const n = sizeOf([...shape]);
    const build = (): tf.Tensor[] => [tf.tile(tf.range(1, n + 1).reshape([...shape]), [...reps])];
    const tensorsBefore = tf.memory().numTensors;
    const [ref] = await runOn('cpu', build);
    const [got] = await runOn('wasm', build);
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    expect(got.length).toBe(n * sizeOf([...reps]));
    expect(Array.from(got)).toEqual(Array.from(ref));
  });
});
