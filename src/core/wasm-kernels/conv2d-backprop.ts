import type * as tf from '@tensorflow/tfjs';
import { convGeometry, cropToPads, sidePads, type ConvPad } from './conv-geometry';
import { filterGradByGemm, type FilterGradGeometry } from './conv2d-filter-gemm';
import {
  spreadWithZeros,
  withWasmScratch,
  type ExplicitPad4D,
  type WasmBackendLike,
  type WasmScratch,
} from './wasm-scratch';

type Pair = [number, number];
type Rounding = 'floor' | 'round' | 'ceil' | undefined;

interface KernelArgs {
  inputs: Record<string, tf.TensorInfo>;
  backend: WasmBackendLike;
  attrs: Record<string, unknown>;
}

const NHWC_FROM_NCHW = [0, 2, 3, 1];
const NCHW_FROM_NHWC = [0, 3, 1, 2];

/**
 * Gradient of a convolution with respect to its filter:
 *   dW[kh,kw,ci,co] = Σ_{n,oh,ow} x[n, oh·s+kh−top, ow·s+kw−left, ci] · dy[n,oh,ow,co].
 * Two routes, picked by `prefersGemm`: im2col + one GEMM (conv2d-filter-gemm.ts), or one
 * XNNPACK convolution (`filterGradByConv`).
 */
export function conv2dBackpropFilterWasm(args: KernelArgs): tf.TensorInfo {
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = args.attrs;
  const [kh, kw, ci, co] = filterShape as number[];
  return withWasmScratch(args.backend, (s) => {
    const x = dataFormat === 'NCHW' ? s.transpose(args.inputs.x, NHWC_FROM_NCHW) : args.inputs.x;
    const dy = dataFormat === 'NCHW' ? s.transpose(args.inputs.dy, NHWC_FROM_NCHW) : args.inputs.dy;
    const geo = convGeometry(
      x.shape,
      [kh, kw, ci, co],
      strides as Pair,
      pad as ConvPad,
      dimRoundingMode as Rounding,
      false,
    );
    const g: FilterGradGeometry = {
      kernel: [kh, kw],
      strides: geo.strides,
      lead: [geo.padTop, geo.padLeft],
      out: [dy.shape[1], dy.shape[2]],
    };
    return prefersGemm(x.shape, dy.shape, g)
      ? filterGradByGemm(s, x, dy, g)
      : filterGradByConv(s, x, dy, g);
  });
}

/** Largest patch matrix the GEMM route builds: 2^24 entries (64 MB), a transient wasm buffer. */
const MAX_PATCH_ENTRIES = 1 << 24;

/**
 * The GEMM route wins where its im2col is a block copy per tap: stride 1 with the output grid
 * equal to the input grid (SAME). Measured (ms, conv → gemm, batch 64, fresh dy each call):
 * 28²×1→32 23→10, 14²×32→64 27→24, 7²×64→64 13→11, 28²×16→32 44→27, 28²×32→1 21→18.
 * Elsewhere im2col gathers short rows and loses: 14²×32→64 stride 2 7→13, 12²×8→16 VALID
 * 1.3→4.4. Above the size cap the convolution route, which materialises nothing, is kept.
 */
export function prefersGemm(xShape: number[], dyShape: number[], g: FilterGradGeometry): boolean {
  const [n, h, w, ci] = xShape;
  const sameGrid = dyShape[1] === h && dyShape[2] === w;
  const unitStride = g.strides[0] === 1 && g.strides[1] === 1;
  const patchEntries = g.kernel[0] * g.kernel[1] * ci * n * h * w;
  return unitStride && sameGrid && patchEntries <= MAX_PATCH_ENTRIES;
}

/**
 * The filter gradient as one XNNPACK convolution: a correlation of xᵀ [CI,H,W,N] (input
 * channels as the batch, the batch as channels) with dyᵀ [OH,OW,N,CO] used as the filter,
 * dilated by the forward stride. Materialises nothing of size KH·KW·CI·N·OH·OW.
 */
export function filterGradByConv(
  s: WasmScratch,
  x: tf.TensorInfo,
  dy: tf.TensorInfo,
  g: FilterGradGeometry,
): tf.TensorInfo {
  const [kh, kw] = g.kernel;
  const pad4 = filterGradPads(x.shape, dy.shape, g.kernel, g.strides, g.lead);
  const xT = s.transpose(x, [3, 1, 2, 0]);
  const dyT = s.transpose(dy, [1, 2, 0, 3]);
  const grad = cropLeading(s, s.conv2d(xT, dyT, pad4, g.strides), kh, kw);
  return s.transpose(grad, [1, 2, 0, 3]);
}

/**
 * Pads so the dilated correlation yields exactly kh×kw outputs; where that would need a
 * negative trailing pad (VALID with unused bottom rows) it pads 0 and the caller crops.
 */
export function filterGradPads(
  xShape: number[],
  dyShape: number[],
  kernel: Pair,
  strides: Pair,
  lead: Pair,
): ExplicitPad4D {
  const side = (axis: 1 | 2, i: 0 | 1): Pair => {
    const span = (dyShape[axis] - 1) * strides[i] + 1;
    const [top, trail] = sidePads(xShape[axis], span, kernel[i], lead[i]);
    return [top, Math.max(0, trail)];
  };
  return [[0, 0], side(1, 0), side(2, 1), [0, 0]];
}

/** Keeps the first kh×kw positions of a [B, ≥kh, ≥kw, C] result. */
export function cropLeading(
  s: WasmScratch,
  g: tf.TensorInfo,
  kh: number,
  kw: number,
): tf.TensorInfo {
  const [b, h, w, c] = g.shape;
  return h === kh && w === kw ? g : s.slice(g, [0, 0, 0, 0], [b, kh, kw, c]);
}

/**
 * Gradient of a convolution with respect to its input (also the forward pass of a
 * transposed convolution): spread dy by the stride with zeros, then correlate it with the
 * filter rotated by 180° and with its channel axes swapped. Replaces wasm's own kernel,
 * a scalar loop: ≈ 18 ms against ≈ 150 ms on dy[64,28,28,32], 3×3×16×32, stride 1.
 */
export function conv2dBackpropInputWasm(args: KernelArgs): tf.TensorInfo {
  const { strides, pad, dataFormat, dimRoundingMode, inputShape } = args.attrs;
  const nchw = dataFormat === 'NCHW';
  const shape = inputShape as number[];
  const xShape = nchw ? [shape[0], shape[2], shape[3], shape[1]] : shape;
  return withWasmScratch(args.backend, (s) => {
    const dy = nchw ? s.transpose(args.inputs.dy, NHWC_FROM_NCHW) : args.inputs.dy;
    const filter = args.inputs.filter;
    const geo = convGeometry(
      xShape,
      filter.shape,
      strides as Pair,
      pad as ConvPad,
      dimRoundingMode as Rounding,
      false,
    );
    const spread = spreadWithZeros(s, dy, geo.strides);
    const [kh, kw] = filter.shape;
    const rows = sidePads(spread.shape[1], kh, xShape[1], kh - 1 - geo.padTop);
    const cols = sidePads(spread.shape[2], kw, xShape[2], kw - 1 - geo.padLeft);
    const [input, pad4] = cropToPads(s, spread, rows, cols);
    const rotated = s.reverse(s.transpose(filter, [0, 1, 3, 2]), [0, 1]);
    const dx = s.conv2d(input, rotated, pad4);
    return nchw ? s.transpose(dx, NCHW_FROM_NHWC) : dx;
  });
}
