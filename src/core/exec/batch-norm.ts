import * as tf from '@tensorflow/tfjs';

/**
 * Batch-statistics BN (Keras training semantics) with a hand-written gradient. Per-channel
 * reductions over N·H·W are matrix products with a row of ones: the wasm backend reduces a
 * non-innermost axis by transposing the whole activation first, and tf.batchNorm's own gradient
 * tiles 1/σ to the activation shape — together they were half of a from-scratch training step.
 *
 * Gradient (x̂ = (x − μ)/σ, M = N·H·W):
 *   dβ = Σ dy,  dγ = Σ dy·x̂,  dx = γ/(σ·M) · (M·dy − dβ − x̂·dγ).
 */
export interface BatchStatsNorm {
  y: tf.Tensor;
  mean: tf.Tensor1D;
  variance: tf.Tensor1D;
}

/**
 * Σ over rows of an [M, C] matrix as xᵀ·1 → [1, C]. With the activation as the (transposed) left
 * operand, XNNPACK packs only the small constant column of ones; 1ᵀ·x would repack the whole
 * activation as a weight matrix on every call (measured 6× slower).
 */
function channelSum(x2d: tf.Tensor2D, onesColumn: tf.Tensor2D): tf.Tensor2D {
  return tf.reshape(tf.matMul(x2d, onesColumn, true, false), [1, x2d.shape[1]]);
}

export function batchStatsNorm(
  x: tf.Tensor,
  gamma: tf.Tensor1D | undefined,
  beta: tf.Tensor1D | undefined,
  eps: number,
): BatchStatsNorm {
  const { y, mean, variance } = tf.tidy(() => {
    const r = batchStatsNormUntidied(x, gamma, beta, eps);
    return { y: r.y, mean: r.mean, variance: r.variance };
  });
  return { y, mean: mean as tf.Tensor1D, variance: variance as tf.Tensor1D };
}

function batchStatsNormUntidied(
  x: tf.Tensor,
  gamma: tf.Tensor1D | undefined,
  beta: tf.Tensor1D | undefined,
  eps: number,
): BatchStatsNorm {
  const channels = x.shape[x.rank - 1];
  const rows = x.size / channels;
  const x2d = tf.reshape(x, [rows, channels]) as tf.Tensor2D;
  const ones = tf.ones([rows, 1]) as tf.Tensor2D;
  // Statistics are constants for the gradient below (it already accounts for them).
  const mean = tf.div(channelSum(x2d, ones), rows) as tf.Tensor2D;
  const centered = tf.sub(x2d, mean);
  const variance = tf.div(
    channelSum(tf.square(centered) as tf.Tensor2D, ones),
    rows,
  ) as tf.Tensor2D;
  const invStd = tf.rsqrt(tf.add(variance, eps));
  const g = gamma ? tf.reshape(gamma, [1, channels]) : tf.ones([1, channels]);
  const b = beta ? tf.reshape(beta, [1, channels]) : tf.zeros([1, channels]);

  const normalize = tf.customGrad((xIn, gIn, bIn, saveArg) => {
    const save = saveArg as tf.GradSaveFunc;
    const xhat = tf.mul(tf.sub(xIn as tf.Tensor2D, mean), invStd);
    // Only saved tensors outlive the forward pass's scope: the gradient reads nothing else.
    save([xhat, invStd, gIn as tf.Tensor]);
    return {
      value: tf.add(tf.mul(xhat, gIn as tf.Tensor), bIn as tf.Tensor),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xh, inv, gSaved] = saved;
        const onesColumn = tf.ones([rows, 1]) as tf.Tensor2D;
        const dBeta = channelSum(dy as tf.Tensor2D, onesColumn);
        const dGamma = channelSum(tf.mul(dy, xh) as tf.Tensor2D, onesColumn);
        const scale = tf.div(tf.mul(gSaved, inv), rows);
        const inner = tf.sub(tf.sub(tf.mul(dy, rows), dBeta), tf.mul(xh, dGamma));
        return [tf.mul(inner, scale), dGamma, dBeta];
      },
    };
  });
  const y2d = normalize(x2d, g, b);
  return {
    y: tf.reshape(y2d, x.shape),
    mean: tf.reshape(mean, [channels]) as tf.Tensor1D,
    variance: tf.reshape(variance, [channels]) as tf.Tensor1D,
  };
}
