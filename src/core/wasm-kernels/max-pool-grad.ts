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

function scatterToWindowMaxima(
  xs: Float32Array,
  dys: Float32Array,
  dxs: Float32Array,
  info: tf.backend_util.Conv2DInfo,
): void {
  const { batchSize, inHeight, inWidth, inChannels: c, outHeight, outWidth } = info;
  const best = new Float32Array(c);
  const where = new Int32Array(c);
  let dyAt = 0;
  for (let b = 0; b < batchSize; b++) {
    for (let oh = 0; oh < outHeight; oh++) {
      const h0 = Math.max(0, oh * info.strideHeight - info.padInfo.top);
      const h1 = Math.min(
        inHeight,
        oh * info.strideHeight - info.padInfo.top + info.effectiveFilterHeight,
      );
      for (let ow = 0; ow < outWidth; ow++, dyAt += c) {
        const w0 = Math.max(0, ow * info.strideWidth - info.padInfo.left);
        const w1 = Math.min(
          inWidth,
          ow * info.strideWidth - info.padInfo.left + info.effectiveFilterWidth,
        );
        best.fill(-Infinity);
        where.fill(-1);
        for (let h = h0; h < h1; h++) {
          for (let w = w0; w < w1; w++) {
            const base = ((b * inHeight + h) * inWidth + w) * c;
            for (let k = 0; k < c; k++) {
              const v = xs[base + k];
              if (v > best[k] || where[k] < 0) {
                best[k] = v;
                where[k] = base + k;
              }
            }
          }
        }
        for (let k = 0; k < c; k++) if (where[k] >= 0) dxs[where[k]] += dys[dyAt + k];
      }
    }
  }
}
