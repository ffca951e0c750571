import * as tf from '@tensorflow/tfjs';
import { LabError } from '../errors';
import { batchStatsNorm } from './batch-norm';
import { applyActivation } from './activations';
import {
  configValue,
  readActivationName,
  readNumber,
  readOptionalNumber,
} from '../model/layer-config';
import type { LayerForward, LayerOpContext } from './layer-op-types';

/** Forward functions of layers that act channel by channel: BN, activations, dropout. */

function assertLastAxis(ctx: LayerOpContext): void {
  const raw = configValue(ctx.layer, 'axis');
  const axis = Array.isArray(raw) && raw.length === 1 ? raw[0] : (raw ?? -1);
  const rank = ctx.inputs[0].rank;
  if (axis !== -1 && axis !== rank - 1) {
    throw new LabError(
      'UNSUPPORTED',
      `Layer "${ctx.layer.name}" (BatchNormalization) normalises axis ${JSON.stringify(raw)}; only the last (channel) axis is supported.`,
    );
  }
}

/**
 * 'frozen' (default) normalises with the moving statistics even while training: after
 * pruning, small fine-tuning batches give noisy statistics, and keeping them fixed
 * makes the masked network's behaviour depend only on its weights. 'batch' follows
 * Keras training: batch statistics plus a moving-average update with `momentum`.
 */
export function batchNormalizationForward(ctx: LayerOpContext): tf.Tensor {
  assertLastAxis(ctx);
  const x = ctx.inputs[0];
  const eps = readNumber(ctx.layer, 'epsilon', 1e-3);
  const gamma = ctx.optionalWeight('gamma') as tf.Tensor1D | undefined;
  const beta = ctx.optionalWeight('beta') as tf.Tensor1D | undefined;
  if (ctx.bnMode === 'batch' && ctx.training) {
    const { y, mean, variance } = batchStatsNorm(x, gamma, beta, eps);
    const momentum = readNumber(ctx.layer, 'momentum', 0.99);
    const blend = (role: string, batchValue: tf.Tensor) => {
      const old = ctx.weight(role);
      ctx.assignState(role, tf.add(tf.mul(old, momentum), tf.mul(batchValue, 1 - momentum)));
    };
    blend('moving_mean', mean);
    blend('moving_variance', variance);
    return y;
  }
  return frozenBatchNorm(
    x,
    ctx.weight('moving_mean'),
    ctx.weight('moving_variance'),
    beta,
    gamma,
    eps,
  );
}

/**
 * Moving-statistics BN as one per-channel affine map x·a + b. Same values as tf.batchNorm up
 * to float rounding, but its gradient is a broadcast multiply: tf.batchNorm's gradient tiles
 * 1/σ to the full activation shape, and wasm's Tile kernel made that the costliest op of a
 * training step (≈ 40 % of mnist-cnn's step, bench/out profile).
 */
function frozenBatchNorm(
  x: tf.Tensor,
  mean: tf.Tensor,
  variance: tf.Tensor,
  beta: tf.Tensor | undefined,
  gamma: tf.Tensor | undefined,
  eps: number,
): tf.Tensor {
  const invStd = tf.rsqrt(tf.add(variance, eps));
  const scale = gamma ? tf.mul(gamma, invStd) : invStd;
  const shift = tf.neg(tf.mul(mean, scale));
  return tf.add(tf.mul(x, scale), beta ? tf.add(shift, beta) : shift);
}

/** Keras ReLU layer: max_value, negative_slope, threshold (Keras backend.relu semantics). */
export function reluForward(ctx: LayerOpContext): tf.Tensor {
  const x = ctx.inputs[0];
  const maxValue = readOptionalNumber(ctx.layer, 'max_value');
  const slope = readNumber(ctx.layer, 'negative_slope', 0);
  const threshold = readNumber(ctx.layer, 'threshold', 0);
  let y = threshold === 0 ? tf.relu(x) : tf.mul(x, tf.cast(tf.greater(x, threshold), 'float32'));
  if (maxValue !== undefined) y = tf.clipByValue(y, 0, maxValue);
  if (slope !== 0) y = tf.sub(y, tf.mul(slope, tf.relu(tf.sub(threshold, x))));
  return y;
}

export function softmaxForward(ctx: LayerOpContext): tf.Tensor {
  const x = ctx.inputs[0];
  const axis = readNumber(ctx.layer, 'axis', -1);
  if (axis === -1 || axis === x.rank - 1) return tf.softmax(x);
  // Softmax along another axis: subtract the max for stability, then normalise.
  const shifted = tf.sub(x, tf.max(x, axis, true));
  const e = tf.exp(shifted);
  return tf.div(e, tf.sum(e, axis, true));
}

export function dropoutForward(ctx: LayerOpContext): tf.Tensor {
  const x = ctx.inputs[0];
  const rate = readNumber(ctx.layer, 'rate', 0);
  if (!ctx.training || rate <= 0) return x;
  return tf.dropout(x, rate, undefined, ctx.nextSeed());
}

export const activationForward: LayerForward = (ctx) =>
  applyActivation(readActivationName(ctx.layer), ctx.inputs[0], ctx.layer.name);

export const leakyReluForward: LayerForward = (ctx) =>
  tf.leakyRelu(
    ctx.inputs[0],
    readNumber(ctx.layer, 'alpha', readNumber(ctx.layer, 'negative_slope', 0.3)),
  );
