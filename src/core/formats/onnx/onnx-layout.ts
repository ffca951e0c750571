import type { WeightTensor } from '../../model/spec';

/**
 * ONNX (channels-first) weight layouts → the lab's Keras (channels-last) ones, and back.
 * Each function is a pure index permutation, so import then export returns the same bytes.
 */

/** Conv W [O, I, kh, kw] → Conv2D kernel [kh, kw, I, O]. */
export function convKernelToKeras(w: WeightTensor): WeightTensor {
  const [o, i, kh, kw] = w.shape;
  const out = new Float32Array(w.data.length);
  for (let a = 0; a < o; a++)
    for (let b = 0; b < i; b++)
      for (let y = 0; y < kh; y++)
        for (let x = 0; x < kw; x++)
          out[((y * kw + x) * i + b) * o + a] = w.data[((a * i + b) * kh + y) * kw + x];
  return { shape: [kh, kw, i, o], data: out };
}

/** Conv2D kernel [kh, kw, I, O] → Conv W [O, I, kh, kw]. */
export function convKernelToOnnx(k: WeightTensor): WeightTensor {
  const [kh, kw, i, o] = k.shape;
  const out = new Float32Array(k.data.length);
  for (let a = 0; a < o; a++)
    for (let b = 0; b < i; b++)
      for (let y = 0; y < kh; y++)
        for (let x = 0; x < kw; x++)
          out[((a * i + b) * kh + y) * kw + x] = k.data[((y * kw + x) * i + b) * o + a];
  return { shape: [o, i, kh, kw], data: out };
}

/** Depthwise W [C·m, 1, kh, kw] (output c·m + j) → DepthwiseConv2D kernel [kh, kw, C, m]. */
export function depthwiseKernelToKeras(w: WeightTensor, channels: number): WeightTensor {
  const [o, , kh, kw] = w.shape;
  const m = o / channels;
  const k = convKernelToKeras({ shape: [o, 1, kh, kw], data: w.data });
  return { shape: [kh, kw, channels, m], data: k.data };
}

/** DepthwiseConv2D kernel [kh, kw, C, m] → W [C·m, 1, kh, kw]. */
export function depthwiseKernelToOnnx(k: WeightTensor): WeightTensor {
  const [kh, kw, c, m] = k.shape;
  return convKernelToOnnx({ shape: [kh, kw, 1, c * m], data: k.data });
}

/** ConvTranspose W [I, O, kh, kw] → Conv2DTranspose kernel [kh, kw, O, I]. */
export function convTransposeKernelToKeras(w: WeightTensor): WeightTensor {
  const [i, o, kh, kw] = w.shape;
  const k = convKernelToKeras({ shape: [i, o, kh, kw], data: w.data });
  return { shape: [kh, kw, o, i], data: k.data };
}

/** Conv2DTranspose kernel [kh, kw, O, I] → W [I, O, kh, kw]. */
export function convTransposeKernelToOnnx(k: WeightTensor): WeightTensor {
  const [kh, kw, o, i] = k.shape;
  const w = convKernelToOnnx({ shape: [kh, kw, o, i], data: k.data });
  return { shape: [i, o, kh, kw], data: w.data };
}

/**
 * Dense kernel rows after a Flatten: ONNX flattens [C, H, W] as c·H·W + h·W + w, Keras
 * flattens [H, W, C] as (h·W + w)·C + c. `toKeras` picks which way the rows move.
 */
export function permuteFlattenRows(
  kernel: WeightTensor,
  chw: number[],
  toKeras: boolean,
): WeightTensor {
  const [c, h, w] = chw;
  const units = kernel.shape[1];
  const out = new Float32Array(kernel.data.length);
  for (let ci = 0; ci < c; ci++)
    for (let p = 0; p < h * w; p++) {
      const onnxRow = ci * h * w + p;
      const kerasRow = p * c + ci;
      const [from, to] = toKeras ? [onnxRow, kerasRow] : [kerasRow, onnxRow];
      out.set(kernel.data.subarray(from * units, (from + 1) * units), to * units);
    }
  return { shape: [...kernel.shape], data: out };
}

/** A row-major [r, c] matrix transposed. */
export function transpose2d(m: WeightTensor): WeightTensor {
  const [r, c] = m.shape;
  const out = new Float32Array(m.data.length);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out[j * r + i] = m.data[i * c + j];
  return { shape: [c, r], data: out };
}
