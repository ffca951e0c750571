import type * as tf from '@tensorflow/tfjs';
import type { WasmScratch } from './wasm-scratch';

type Pair = [number, number];

/** Where the forward convolution's taps read: strides, leading pads and the dy grid. */
export interface FilterGradGeometry {
  kernel: Pair;
  strides: Pair;
  lead: Pair;
  out: Pair;
}

/**
 * Patch matrix Pᵀ [KH·KW·CI, N·OH·OW] from xT [CI, N, H, W]:
 *   Pᵀ[(kh·KW+kw)·CI+ci, (n·OH+oy)·OW+ox] = x[n, oy·sh+kh−top, ox·sw+kw−left, ci], 0 outside.
 * Row order matches the filter layout [kh,kw,ci,co], so Pᵀ·dy is the filter gradient as is.
 * A loop over the wasm heap (one view over the whole heap, so copies are copyWithin).
 */
export function patchRowsFromChannelsFirst(
  s: WasmScratch,
  xT: tf.TensorInfo,
  g: FilterGradGeometry,
): tf.TensorInfo {
  const [ci, n, h, w] = xT.shape;
  const [kh, kw] = g.kernel;
  const [oh, ow] = g.out;
  const out = s.own(s.backend.makeOutput([kh * kw * ci, n * oh * ow], 'float32'));
  // Views after the allocation: growing the heap detaches older views.
  const src = s.backend.typedArrayFromHeap(xT) as Float32Array;
  const dst = s.backend.typedArrayFromHeap(out) as Float32Array;
  const heap = new Float32Array(src.buffer);
  const srcBase = src.byteOffset >> 2;
  const planes = ci * n;
  const sameGrid = g.strides[0] === 1 && g.strides[1] === 1 && oh === h && ow === w;
  let to = dst.byteOffset >> 2;
  for (let tap = 0; tap < kh * kw; tap++, to += planes * oh * ow) {
    const shift: Pair = [Math.floor(tap / kw) - g.lead[0], (tap % kw) - g.lead[1]];
    const cols = validRange(ow, g.strides[1], shift[1], w);
    if (sameGrid && copyTapAsBlock(heap, to, srcBase, planes, [h, w], shift, cols)) continue;
    for (let plane = 0; plane < planes; plane++) {
      const planeAt = srcBase + plane * h * w;
      const planeTo = to + plane * oh * ow;
      copyPlaneByRows(heap, planeTo, planeAt, [h, w], [oh, ow], shift, cols, g.strides);
    }
  }
  return out;
}

/**
 * One tap of one (ci, n) plane by rows: each output row is one copyWithin (stride 1) or
 * a short gather (stride > 1); rows and columns that fall in the padding get zeros.
 */
function copyPlaneByRows(
  heap: Float32Array,
  to: number,
  planeAt: number,
  [h, w]: Pair,
  [oh, ow]: Pair,
  shift: Pair,
  [ox0, ox1]: Pair,
  strides: Pair,
): void {
  for (let oy = 0; oy < oh; oy++, to += ow) {
    const iy = oy * strides[0] + shift[0];
    if (iy < 0 || iy >= h || ox0 >= ox1) {
      heap.fill(0, to, to + ow);
      continue;
    }
    if (ox0 > 0) heap.fill(0, to, to + ox0);
    if (ox1 < ow) heap.fill(0, to + ox1, to + ow);
    const row = planeAt + iy * w + shift[1];
    if (strides[1] === 1) heap.copyWithin(to + ox0, row + ox0, row + ox1);
    else for (let ox = ox0; ox < ox1; ox++) heap[to + ox] = heap[row + ox * strides[1]];
  }
}

/**
 * Stride 1 with OH×OW = H×W (SAME): every plane of the tap is the input shifted by the same
 * offset, so the whole tap is one block copy; the rows and columns the shift drags in from
 * neighbouring rows or planes are zeroed after. Per-plane copies cost ≈ 3× more on 7×7
 * planes (call overhead). Returns false (nothing written) when the block would leave the heap.
 */
function copyTapAsBlock(
  heap: Float32Array,
  to: number,
  srcBase: number,
  planes: number,
  [h, w]: Pair,
  shift: Pair,
  [ox0, ox1]: Pair,
): boolean {
  const [oy0, oy1] = validRange(h, 1, shift[0], h);
  const from = srcBase + shift[0] * w + shift[1];
  const length = planes * h * w;
  if (from < 0 || from + length > heap.length) return false;
  heap.copyWithin(to, from, from + length);
  for (let planeTo = to; planeTo < to + length; planeTo += h * w) {
    for (let oy = 0; oy < h; oy++) {
      const rowAt = planeTo + oy * w;
      if (oy < oy0 || oy >= oy1) {
        for (let ox = 0; ox < w; ox++) heap[rowAt + ox] = 0;
        continue;
      }
      for (let ox = 0; ox < ox0; ox++) heap[rowAt + ox] = 0;
      for (let ox = ox1; ox < w; ox++) heap[rowAt + ox] = 0;
    }
  }
  return true;
}

/** Output columns [first, end) whose tap ox·stride+offset lands inside [0, length). */
function validRange(outLength: number, stride: number, offset: number, length: number): Pair {
  const first = Math.max(0, Math.ceil(-offset / stride));
  const end = Math.min(outLength, Math.floor((length - 1 - offset) / stride) + 1);
  return [first, Math.max(first, end)];
}

/**
 * Filter gradient as im2col + one GEMM over the R = N·OH·OW positions:
 *   dW [KH·KW·CI, CO] = Pᵀ [KH·KW·CI, R] · dy [R, CO],
 * with no transposes: tfjs-wasm's BatchMatMul sends a transposeA operand down a scalar path
 * (≈ 15× slower), and transposing dy [R, CO] first costs more (≈ 11 ms on R = 50176,
 * CO = 32) than XNNPACK's packing of dy as the right operand (≈ 5 ms) saves when P is smaller.
 */
export function filterGradByGemm(
  s: WasmScratch,
  x: tf.TensorInfo,
  dy: tf.TensorInfo,
  g: FilterGradGeometry,
): tf.TensorInfo {
  const [n, oh, ow, co] = dy.shape;
  const ci = x.shape[3];
  const rows = n * oh * ow;
  const xT = ci === 1 ? s.reshape(x, [1, n, x.shape[1], x.shape[2]]) : s.transpose(x, [3, 0, 1, 2]);
  const patchesT = patchRowsFromChannelsFirst(s, xT, g);
  const a = s.reshape(patchesT, [1, patchesT.shape[0], rows]);
  const b = s.reshape(dy, [1, rows, co]);
  const dw = s.run('BatchMatMul', { a, b }, { transposeA: false, transposeB: false });
  return s.reshape(dw, [g.kernel[0], g.kernel[1], ci, co]);
}
