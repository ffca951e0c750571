/**
 * Uniform quantization maths on plain typed arrays (method.md §5). No tensors here: the
 * PTQ path, the exporters and the footprint all use these, and the tfjs fake-quant ops
 * (fake-quant-ops.ts) implement the same grids on tensors.
 *
 * Rounding is round-half-to-even everywhere, because tf.round is; with Math.round the PTQ
 * grid and the QAT grid would disagree on exact .5 ties.
 */
import { LabError } from '../errors';

/** Bit widths the lab quantizes to (2–8 and 16). */
export function assertSupportedBits(bits: number, what: string): void {
  const ok = Number.isInteger(bits) && ((bits >= 2 && bits <= 8) || bits === 16);
  if (!ok) {
    throw new LabError(
      'OUT_OF_RANGE',
      `${what}: ${bits} bits is not supported; use 2–8 or 16 bits.`,
    );
  }
}

/**
 * Largest integer code.
 * maxInt(8, true) = 127, maxInt(4, true) = 7, maxInt(2, true) = 1;
 * maxInt(8, false) = 255, maxInt(4, false) = 15.
 */
export function maxInt(bits: number, signed: boolean): number {
  return signed ? 2 ** (bits - 1) - 1 : 2 ** bits - 1;
}

/**
 * Smallest integer code.
 * minInt(8, true) = −128, minInt(4, true) = −8, minInt(2, true) = −2; minInt(b, false) = 0.
 */
export function minInt(bits: number, signed: boolean): number {
  return signed ? -(2 ** (bits - 1)) : 0;
}

/**
 * Round half to even, like tf.round.
 * roundHalfEven(2.5) = 2, roundHalfEven(3.5) = 4, roundHalfEven(−0.5) = −0 (== 0), roundHalfEven(1.4) = 1.
 */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  // Math.round rounds .5 up; pull back to the even neighbour on exact ties.
  if (r - x === 0.5 && r % 2 !== 0) return r - 1;
  return r;
}

/**
 * Nearest power of two in the log domain: 2^round(log2 s).
 * pow2Scale(0.3) = 0.25 (log2 0.3 = −1.74 → −2), pow2Scale(0.4) = 0.5, pow2Scale(1) = 1.
 */
export function pow2Scale(scale: number): number {
  return 2 ** roundHalfEven(Math.log2(scale));
}

/** Smallest weight scale: the smallest normal float32, 2^−126. */
export const MIN_SCALE = 2 ** -126;

export interface WeightQuantOptions {
  bits: number;
  /** Axis whose index is the channel (one scale per index); null = one scale for the tensor. */
  perChannelAxis: number | null;
  /** Round every scale to the nearest power of two (shifts instead of multiplies on hardware). */
  pow2: boolean;
}

/** Channel count and stride of `axis` in a row-major tensor: element i is channel ⌊i/stride⌋ mod count. */
export function channelLayout(
  shape: number[],
  axis: number | null,
): { channels: number; stride: number } {
  if (axis === null) return { channels: 1, stride: 1 };
  if (axis < 0 || axis >= shape.length) {
    throw new LabError(
      'OUT_OF_RANGE',
      `Channel axis ${axis} is outside a tensor of shape [${shape.join(', ')}].`,
    );
  }
  let stride = 1;
  for (let a = axis + 1; a < shape.length; a++) stride *= shape[a];
  return { channels: shape[axis], stride };
}

function channelOf(i: number, channels: number, stride: number): number {
  return channels === 1 ? 0 : Math.floor(i / stride) % channels;
}

/**
 * Symmetric scales s_c = max|W_c| / (2^(b−1) − 1), one per channel (or one for the tensor).
 * An all-zero channel gets scale 1 (its codes are all 0, so its values stay exactly 0 and no
 * 0/0 arises; 1 is also a power of two, so the pow2 property holds). Scales are floored at
 * MIN_SCALE = 2^−126 (the smallest normal float32) so that subnormal weights cannot make a
 * scale underflow to 0.
 * Example: W = [[−1, 0.5], [2, −4]], axis 1, 8 bits → max|W_0| = 2, max|W_1| = 4,
 * scales = [2/127, 4/127]; with pow2: [2^round(−5.99) = 2^−6, 2^round(−4.99) = 2^−5].
 */
export function symmetricScales(
  w: Float32Array,
  shape: number[],
  opts: WeightQuantOptions,
): Float32Array {
  assertSupportedBits(opts.bits, 'Weight quantization');
  const { channels, stride } = channelLayout(shape, opts.perChannelAxis);
  const maxAbs = new Float64Array(channels);
  for (let i = 0; i < w.length; i++) {
    const c = channelOf(i, channels, stride);
    const a = Math.abs(w[i]);
    if (a > maxAbs[c]) maxAbs[c] = a;
  }
  const qMax = maxInt(opts.bits, true);
  const scales = new Float32Array(channels);
  for (let c = 0; c < channels; c++) {
    const s = maxAbs[c] > 0 ? Math.max(MIN_SCALE, maxAbs[c] / qMax) : 1;
    scales[c] = opts.pow2 ? pow2Scale(s) : s;
  }
  return scales;
}

export interface SymmetricQuantized {
  /** Signed integer codes in [minInt(b), maxInt(b)], same layout as the input. */
  codes: Int32Array;
  /** float32 scale per channel (length 1 for per-tensor). */
  scales: Float32Array;
  axis: number | null;
  bits: number;
  shape: number[];
}

/**
 * q = clamp(round(W/s_c), −2^(b−1), 2^(b−1) − 1).
 * Example (8 bits, per tensor): W = [−1, 0.5, 2, −4] → s = 4/127, codes = [−32, 16, 64, −127].
 */
export function quantizeSymmetric(
  w: Float32Array,
  shape: number[],
  opts: WeightQuantOptions,
): SymmetricQuantized {
  const scales = symmetricScales(w, shape, opts);
  const { channels, stride } = channelLayout(shape, opts.perChannelAxis);
  const lo = minInt(opts.bits, true);
  const hi = maxInt(opts.bits, true);
  const codes = new Int32Array(w.length);
  for (let i = 0; i < w.length; i++) {
    // fround: the float32 quotient tfjs computes, so PTQ and QAT round the same ties.
    const q = roundHalfEven(Math.fround(w[i] / scales[channelOf(i, channels, stride)]));
    codes[i] = Math.min(hi, Math.max(lo, q));
  }
  return { codes, scales, axis: opts.perChannelAxis, bits: opts.bits, shape: [...shape] };
}

/** Values q·s_c as float32. Example: codes [−32, 16], s = 4/127 → [−1.00787…, 0.50393…]. */
export function dequantizeSymmetric(q: SymmetricQuantized): Float32Array {
  const { channels, stride } = channelLayout(q.shape, q.axis);
  const out = new Float32Array(q.codes.length);
  for (let i = 0; i < out.length; i++)
    out[i] = q.codes[i] * q.scales[channelOf(i, channels, stride)];
  return out;
}

/** The weight's fake-quantized values (what QAT trains through): dequantize(quantize(W)). */
export function fakeQuantSymmetric(
  w: Float32Array,
  shape: number[],
  opts: WeightQuantOptions,
): Float32Array {
  return dequantizeSymmetric(quantizeSymmetric(w, shape, opts));
}

/** Activation bounds: cumulative means of per-batch min and max, and how many batches they average. */
export interface ActivationRange {
  lo: number;
  hi: number;
  /** Number of batches observed so far (t in the method's formula). */
  count: number;
}

export const EMPTY_ACTIVATION_RANGE: ActivationRange = { lo: 0, hi: 0, count: 0 };

/**
 * Cumulative mean (not an EMA) of the batch minimum and maximum: M_t = (t·M_{t−1} + m_t)/(t+1).
 * Example: batches with (min, max) = (−1, 3) then (−3, 5) → {lo: −2, hi: 4, count: 2}.
 */
export function updateActivationRange(
  range: ActivationRange,
  batchMin: number,
  batchMax: number,
): ActivationRange {
  const t = range.count;
  return {
    lo: (t * range.lo + batchMin) / (t + 1),
    hi: (t * range.hi + batchMax) / (t + 1),
    count: t + 1,
  };
}

/**
 * Grid step (hi − lo)/(2^b − 1): 2^b levels with lo and hi both on the grid. (The reference
 * divides by 2^b, which leaves hi one step off the grid; documented deviation.) A range with
 * hi ≤ lo (never observed, or a constant tensor) gets step 1, so every value maps to lo.
 * Example: lo = −1, hi = 2, 8 bits → step = 3/255.
 */
export function activationStep(lo: number, hi: number, bits: number): number {
  assertSupportedBits(bits, 'Activation quantization');
  return hi > lo ? (hi - lo) / maxInt(bits, false) : 1;
}

/**
 * Asymmetric per-tensor fake quantization: q = clamp(round((clamp(x, lo, hi) − lo)/step), 0, 2^b − 1),
 * value q·step + lo. Computed in float32 steps like the tfjs op, so both agree.
 * Example: lo = 0, hi = 3, 2 bits → step 1; x = [−5, 0.4, 1.5, 2.6, 9] → [0, 0, 2, 3, 3].
 */
export function fakeQuantActivationValues(
  x: Float32Array,
  lo: number,
  hi: number,
  bits: number,
): Float32Array {
  const step = Math.fround(activationStep(lo, hi, bits));
  const lo32 = Math.fround(lo);
  const top32 = Math.fround(hi > lo ? hi : lo);
  const qMax = maxInt(bits, false);
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const clamped = Math.min(top32, Math.max(lo32, x[i]));
    const q = Math.min(
      qMax,
      Math.max(0, roundHalfEven(Math.fround(Math.fround(clamped - lo32) / step))),
    );
    out[i] = Math.fround(q * step) + lo32;
  }
  return out;
}
