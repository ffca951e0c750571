/**
 * Fake-quantization ops for quantization-aware training (method.md §5), on tensors.
 *
 * Forward: the value on the quantization grid (same arithmetic as quantize-math.ts, in float32).
 * Backward: a straight-through estimator. tf.round has a zero gradient and tfjs has no
 * stopGradient, so each op is a tf.customGrad whose gradient is dy where the input lies
 * inside the clamp range and 0 outside. Scales and bounds are constants for the gradient.
 */
import * as tf from '@tensorflow/tfjs';
import {
  activationStep,
  assertSupportedBits,
  maxInt,
  minInt,
  MIN_SCALE,
  type WeightQuantOptions,
} from './quantize-math';

type Forward = (
  x: tf.Tensor,
  save: tf.GradSaveFunc,
) => { value: tf.Tensor; gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.Tensor };

/** tf.customGrad over one input; the cast is the typing workaround from environment.md. */
function straightThrough(forward: Forward): (x: tf.Tensor) => tf.Tensor {
  return tf.customGrad(((...args: unknown[]) =>
    forward(args[0] as tf.Tensor, args[1] as tf.GradSaveFunc)) as never) as (
    x: tf.Tensor,
  ) => tf.Tensor;
}

/** Per-channel (or per-tensor) symmetric scales as a tensor that broadcasts against w. */
export function weightScales(w: tf.Tensor, opts: WeightQuantOptions): tf.Tensor {
  return tf.tidy(() => {
    const axes = w.shape.map((_, a) => a).filter((a) => a !== opts.perChannelAxis);
    const maxAbs = tf.max(tf.abs(w), axes, true);
    const raw = tf.maximum(tf.div(maxAbs, maxInt(opts.bits, true)), MIN_SCALE);
    // An all-zero channel gets scale 1 (codes 0): no 0/0.
    const guarded = tf.where(tf.greater(maxAbs, 0), raw, tf.onesLike(raw));
    if (!opts.pow2) return guarded;
    return tf.pow(2, tf.round(tf.div(tf.log(guarded), Math.LN2)));
  });
}

/**
 * Symmetric fake quantization of a weight: clamp(round(w/s), −2^(b−1), 2^(b−1)−1)·s.
 * The gradient is dy where w/s lies within [minInt − ½, maxInt + ½] (rounding there does not
 * clamp); with max-abs scales that is every element, with pow2 scales the largest may clamp.
 */
export function fakeQuantWeight(w: tf.Tensor, opts: WeightQuantOptions): tf.Tensor {
  assertSupportedBits(opts.bits, 'Weight quantization');
  const qMin = minInt(opts.bits, true);
  const qMax = maxInt(opts.bits, true);
  const op = straightThrough((x, save) => {
    const scales = weightScales(x, opts);
    const ratio = tf.div(x, scales);
    const value = tf.mul(tf.clipByValue(tf.round(ratio), qMin, qMax), scales);
    save([ratio]);
    return { value, gradFunc: (dy, [saved]) => insideMask(dy, saved, qMin - 0.5, qMax + 0.5) };
  });
  return op(w);
}

function insideMask(dy: tf.Tensor, x: tf.Tensor, lo: number, hi: number): tf.Tensor {
  return tf.tidy(() =>
    tf.mul(dy, tf.logicalAnd(tf.greaterEqual(x, lo), tf.lessEqual(x, hi)).cast('float32')),
  );
}

/**
 * Asymmetric per-tensor fake quantization of an activation with bounds lo/hi:
 * q = clamp(round((clamp(x, lo, hi) − lo)/step), 0, 2^b − 1), value q·step + lo.
 * The gradient is dy for lo ≤ x ≤ hi and 0 outside.
 */
export function fakeQuantActivation(x: tf.Tensor, lo: number, hi: number, bits: number): tf.Tensor {
  const step = activationStep(lo, hi, bits);
  const top = hi > lo ? hi : lo;
  const qMax = maxInt(bits, false);
  const op = straightThrough((input, save) => {
    const shifted = tf.sub(tf.clipByValue(input, lo, top), lo);
    const q = tf.clipByValue(tf.round(tf.div(shifted, step)), 0, qMax);
    const value = tf.add(tf.mul(q, step), lo);
    save([input]);
    return { value, gradFunc: (dy, [saved]) => insideMask(dy, saved, lo, top) };
  });
  return op(x);
}

/**
 * fakeQuantActivation with tensor bounds (a QAT step whose range includes its own batch, not
 * read back yet): the same arithmetic in float32, so step and bounds may differ from the
 * number version by one float32 rounding.
 */
export function fakeQuantActivationBounds(
  x: tf.Tensor,
  lo: tf.Scalar,
  hi: tf.Scalar,
  bits: number,
): tf.Tensor {
  assertSupportedBits(bits, 'Activation quantization');
  const qMax = maxInt(bits, false);
  const greater = tf.greater(hi, lo);
  const step = tf.where(greater, tf.div(tf.sub(hi, lo), qMax), tf.onesLike(hi));
  const top = tf.where(greater, hi, lo);
  const op = straightThrough((input, save) => {
    const shifted = tf.sub(tf.minimum(tf.maximum(input, lo), top), lo);
    const q = tf.clipByValue(tf.round(tf.div(shifted, step)), 0, qMax);
    const value = tf.add(tf.mul(q, step), lo);
    // Saved, not closed over: the gradient pass runs after the step's tidy freed the bounds.
    save([input, lo, top]);
    return {
      value,
      gradFunc: (dy, [saved, savedLo, savedTop]) =>
        tf.tidy(() =>
          tf.mul(
            dy,
            tf
              .logicalAnd(tf.greaterEqual(saved, savedLo), tf.lessEqual(saved, savedTop))
              .cast('float32'),
          ),
        ),
    };
  });
  return op(x);
}

/** Identity forward, zero gradient (tfjs has no stopGradient). */
export const stopGradient: (x: tf.Tensor) => tf.Tensor = straightThrough((input) => ({
  value: tf.clone(input),
  gradFunc: (dy) => tf.zerosLike(dy),
}));
