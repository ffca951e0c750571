import * as tf from '@tensorflow/tfjs';
import { LabError } from '../errors';

/**
 * Does the current backend compute training gradients correctly? Backends differ in which
 * gradient kernels they have and how well (wasm ships without conv filter gradients and the
 * lab registers its own; software WebGPU/WebGL adapters have had precision bugs), and a wrong
 * gradient trains silently into a bad model. So before training, the worker computes the
 * gradients of a tiny conv → depthwise → max-pool → dense model on the current backend and on
 * the cpu backend (the reference), and skips a backend that disagrees, showing `message`.
 *
 * Usage (worker, after initBackend):
 *   const check = await checkBackendGradients();
 *   if (!check.ok) { report check.message; await initBackend('wasm' or 'cpu') and check again }
 */
export interface GradientCheckResult {
  ok: boolean;
  backend: string;
  /** Largest |current − cpu| over every gradient element (Infinity when one side is NaN). */
  maxAbsDiff: number;
  /** Which gradient the largest difference is in (e.g. 'conv kernel'). */
  worst?: string;
  message?: string;
}

export interface GradientCheckOptions {
  /** Default 'cpu'. */
  referenceBackend?: string;
  /** Largest accepted difference; gradients here are O(1), float32 error is ~1e-6 (default 1e-3). */
  tolerance?: number;
}

const NAMES = [
  'input',
  'conv kernel',
  'conv bias',
  'depthwise kernel',
  'dense kernel',
  'dense bias',
];

/** Fixed values from a small LCG so both backends see bit-identical inputs. */
function fixedValues(count: number, salt: number): Float32Array {
  let state = (salt * 2654435761) >>> 0;
  return Float32Array.from({ length: count }, () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 31 - 1;
  });
}

/** Gradients of the tiny model's loss w.r.t. its input and every parameter, as plain arrays. */
async function tinyModelGradients(): Promise<Float32Array[]> {
  const grads = tf.tidy(() => {
    const shapes: number[][] = [[2, 6, 6, 3], [3, 3, 3, 4], [4], [3, 3, 4, 2], [2 * 2 * 8, 3], [3]];
    const tensors = shapes.map((shape, i) =>
      tf.tensor(
        fixedValues(
          shape.reduce((a, b) => a * b, 1),
          i + 1,
        ),
        shape,
      ),
    );
    const target = tf.tensor(fixedValues(6, 99), [2, 3]);
    const loss = (...args: tf.Tensor[]): tf.Scalar => {
      const [x, convK, convB, depthK, denseK, denseB] = args;
      const conv = tf.relu(
        tf.add(tf.conv2d(x as tf.Tensor4D, convK as tf.Tensor4D, 1, 'same'), convB),
      );
      const depth = tf.depthwiseConv2d(conv as tf.Tensor4D, depthK as tf.Tensor4D, 1, 'valid');
      const pooled = tf.maxPool(depth as tf.Tensor4D, 2, 2, 'valid');
      const logits = tf.add(tf.matMul(tf.reshape(pooled, [2, -1]), denseK as tf.Tensor2D), denseB);
      return tf.mean(tf.square(tf.sub(logits, target)));
    };
    return tf.grads(loss)(tensors);
  });
  // Async reads: webgpu in a worker cannot read tensors synchronously.
  try {
    return (await Promise.all(grads.map((g) => g.data()))) as Float32Array[];
  } finally {
    tf.dispose(grads);
  }
}

async function gradientsOn(backend: string): Promise<Float32Array[]> {
  if (tf.getBackend() !== backend && !(await tf.setBackend(backend))) {
    throw new LabError('BACKEND_UNAVAILABLE', `The ${backend} backend could not start.`);
  }
  return tinyModelGradients();
}

function compare(
  current: Float32Array[],
  reference: Float32Array[],
): { maxAbsDiff: number; worst?: string } {
  let maxAbsDiff = 0;
  let worst: string | undefined;
  current.forEach((values, k) => {
    for (let i = 0; i < values.length; i++) {
      const diff = Math.abs(values[i] - reference[k][i]);
      const d = Number.isNaN(diff) ? Infinity : diff;
      if (d > maxAbsDiff) [maxAbsDiff, worst] = [d, NAMES[k]];
    }
  });
  return { maxAbsDiff, worst };
}

/** Compares the current backend's gradients with the reference backend's; always switches back. */
export async function checkBackendGradients(
  opts: GradientCheckOptions = {},
): Promise<GradientCheckResult> {
  const backend = tf.getBackend();
  const referenceBackend = opts.referenceBackend ?? 'cpu';
  const tolerance = opts.tolerance ?? 1e-3;
  let current: Float32Array[];
  let reference: Float32Array[];
  try {
    current = await tinyModelGradients();
    reference = await gradientsOn(referenceBackend);
  } catch (e) {
    const reason = (e instanceof Error ? e.message : String(e)).replace(/[.\s]+$/, '');
    return {
      ok: false,
      backend,
      maxAbsDiff: Infinity,
      message: `The ${backend} backend could not compute training gradients (${reason}); the lab will not train on it.`,
    };
  } finally {
    if (tf.getBackend() !== backend) await tf.setBackend(backend);
  }
  const { maxAbsDiff, worst } = compare(current, reference);
  if (maxAbsDiff <= tolerance) return { ok: true, backend, maxAbsDiff, ...(worst && { worst }) };
  return {
    ok: false,
    backend,
    maxAbsDiff,
    worst,
    message: `The ${backend} backend computes gradients that differ from the ${referenceBackend} backend by up to ${maxAbsDiff.toPrecision(3)} (in the ${worst}; tolerance ${tolerance}); the lab will not train on it.`,
  };
}
