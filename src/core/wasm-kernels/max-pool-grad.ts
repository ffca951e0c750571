import * as tf from '@tensorflow/tfjs';
import type { WasmBackendLike } from './wasm-scratch';

interface KernelArgs {
  inputs: Record<string, tf.TensorInfo>;
  backend: WasmBackendLike;
  attrs: Record<string, unknown>;
}

type PoolPad = 'valid' | 'same' | number;

/**
 * MaxPoolGrad for wasm. tfjs-backend-wasm 4.22's own kernel sends the gradient of a
 * window whose values are all negative to the wrong input, or drops it (seen after a
 * BatchNormalization or an Add with no ReLU in between), so it is replaced. Routes each dy to the first maximum
 * of its window in row-major order, as the cpu backend does. A loop over the wasm heap:
 * the work is one pass over the windows, small next to the convolutions around it.
 */
export function maxPoolGradWasm(args: KernelArgs): tf.TensorInfo {
  const { dy, input } = args.inputs;
  const { filterSize, strides, pad, dimRoundingMode } = args.attrs;
  const info = tf.backend_util.computePool2DInfo(
    input.shape as [number, number, number, number],
    filterSize as number | [number, number],
    strides as number | [number, number],
    1,
    pad as PoolPad,
    dimRoundingMode as 'floor' | 'round' | 'ceil' | undefined,
  );
  const dx = args.backend.makeOutput(input.shape, 'float32');
  // Views are taken after the allocation: growing the heap detaches older views.
  const xs = args.backend.typedArrayFromHeap(input) as Float32Array;
  const dys = args.backend.typedArrayFromHeap(dy) as Float32Array;
  const dxs = args.backend.typedArrayFromHeap(dx) as Float32Array;
  dxs.fill(0);
  scatterToWindowMaxima(xs, dys, dxs, info);
  return dx;
}

/**
 * Per window, per channel: a scalar scan of the window's taps (strict `>`, so the first
 * maximum wins; a window of −∞ or a NaN first tap routes to its first tap, as before), the
 * best value kept in locals. The former per-window scratch arrays and their fill() calls
 * made it ≈ 1.5–2× slower (2×2 windows, [64,28,28,32] and [64,14,14,64]).
 */
function scatterToWindowMaxima(
  xs: Float32Array,
  dys: Float32Array,
  dxs: Float32Array,
  info: tf.backend_util.Conv2DInfo,
): void {
  const { batchSize, inHeight, inWidth, inChannels: c, outHeight, outWidth } = info;
  const taps = new Int32Array(info.effectiveFilterHeight * info.effectiveFilterWidth);
  let dyAt = 0;
  for (let b = 0; b < batchSize; b++) {
    for (let oh = 0; oh < outHeight; oh++) {
      const top = oh * info.strideHeight - info.padInfo.top;
      const h0 = Math.max(0, top);
      const h1 = Math.min(inHeight, top + info.effectiveFilterHeight);
      for (let ow = 0; ow < outWidth; ow++, dyAt += c) {
        const left = ow * info.strideWidth - info.padInfo.left;
        const w0 = Math.max(0, left);
        const w1 = Math.min(inWidth, left + info.effectiveFilterWidth);
        let count = 0;
        for (let h = h0; h < h1; h++)
          for (let w = w0; w < w1; w++) taps[count++] = ((b * inHeight + h) * inWidth + w) * c;
        if (count === 4) scatterWindowOf4(xs, dys, dxs, taps, dyAt, c);
        else if (count > 0) scatterWindow(xs, dys, dxs, taps, count, dyAt, c);
      }
    }
  }
}

/** Adds dy[dyAt + k] to the first maximum of x over `taps` (window offsets), per channel k. */
function scatterWindow(
  xs: Float32Array,
  dys: Float32Array,
  dxs: Float32Array,
  taps: Int32Array,
  count: number,
  dyAt: number,
  c: number,
): void {
  const first = taps[0];
  for (let k = 0; k < c; k++) {
    let bestAt = first + k;
    let best = xs[bestAt];
    for (let t = 1; t < count; t++) {
      const at = taps[t] + k;
      const v = xs[at];
      if (v > best) {
        best = v;
        bestAt = at;
      }
    }
    dxs[bestAt] += dys[dyAt + k];
  }
}

/** `scatterWindow` unrolled for 2×2 windows, the pooling of every demo (≈ 15% faster). */
function scatterWindowOf4(
  xs: Float32Array,
  dys: Float32Array,
  dxs: Float32Array,
  taps: Int32Array,
  dyAt: number,
  c: number,
): void {
  const t1 = taps[1] - taps[0];
  const t2 = taps[2] - taps[0];
  const t3 = taps[3] - taps[0];
  for (let k = 0, at = taps[0]; k < c; k++, at++) {
    let bestAt = at;
    let best = xs[at];
    if (xs[at + t1] > best) {
      bestAt = at + t1;
      best = xs[bestAt];
    }
    if (xs[at + t2] > best) {
      bestAt = at + t2;
      best = xs[bestAt];
    }
    if (xs[at + t3] > best) bestAt = at + t3;
    dxs[bestAt] += dys[dyAt + k];
  }
}
