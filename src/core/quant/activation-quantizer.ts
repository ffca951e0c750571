/**
 * Per-tensor activation quantizer state for QAT and PTQ calibration (method.md §5).
 *
 * lo/hi are plain numbers (cumulative means of batch min/max), which keeps the state
 * serialisable. `observe` runs inside a forward pass, where nothing can be awaited and webgpu
 * in a worker cannot read synchronously, so it only keeps the batch's [min, max] as a pending
 * tensor; `flush()` (or QuantHooks.flush, one read for all quantizers) folds the pending pairs
 * into the numbers later, in the same float64 arithmetic as before. An `apply` with pairs still
 * pending folds them in float32 tensors, so a QAT step uses its own batch's range as it did.
 */
import * as tf from '@tensorflow/tfjs';
import { fakeQuantActivation, fakeQuantActivationBounds, stopGradient } from './fake-quant-ops';
import {
  assertSupportedBits,
  EMPTY_ACTIVATION_RANGE,
  updateActivationRange,
  type ActivationRange,
} from './quantize-math';
import { LabError } from '../errors';

export interface ActivationQuantizerOptions {
  bits: number;
  /** apply() is the identity before this training step (the reference's activation delay). */
  delaySteps: number;
}

export class ActivationQuantizer {
  readonly bits: number;
  readonly delaySteps: number;
  private state: ActivationRange = EMPTY_ACTIVATION_RANGE;
  /** Observed [min, max] pairs not read back yet (kept tensors, oldest first). */
  private pending: tf.Tensor1D[] = [];

  constructor(opts: ActivationQuantizerOptions) {
    assertSupportedBits(opts.bits, 'Activation quantization');
    this.bits = opts.bits;
    this.delaySteps = opts.delaySteps;
  }

  /** Records this batch's min and max (no read-back: see the header). */
  observe(x: tf.Tensor): void {
    // The pair must not carry gradient into x when a QAT step's apply uses it as a bound.
    const minMax = tf.tidy(() => stopGradient(tf.stack([tf.min(x), tf.max(x)])) as tf.Tensor1D);
    this.pending.push(tf.keep(minMax));
  }

  /** True once `step` has reached the delay and at least one batch was observed. */
  isActive(step: number): boolean {
    return step >= this.delaySteps && this.state.count + this.pending.length > 0;
  }

  /**
   * Fake-quantizes x when active; otherwise returns x itself (the same tensor object, so a
   * caller must not dispose the result separately from x in that case).
   */
  apply(x: tf.Tensor, step: number): tf.Tensor {
    if (!this.isActive(step)) return x;
    if (!this.pending.length)
      return fakeQuantActivation(x, this.state.lo, this.state.hi, this.bits);
    // The bounds stay in the caller's scope: the gradient of a training step still needs them.
    let lo: tf.Tensor = tf.scalar(this.state.lo);
    let hi: tf.Tensor = tf.scalar(this.state.hi);
    let t = this.state.count;
    for (const pair of this.pending) {
      lo = tf.div(tf.add(tf.mul(lo, t), tf.slice(pair, 0, 1).reshape([])), t + 1);
      hi = tf.div(tf.add(tf.mul(hi, t), tf.slice(pair, 1, 1).reshape([])), t + 1);
      t++;
    }
    return fakeQuantActivationBounds(x, lo as tf.Scalar, hi as tf.Scalar, this.bits);
  }

  /** Hands the pending pairs to the caller (who reads and disposes them) and forgets them. */
  takePending(): tf.Tensor1D[] {
    const pending = this.pending;
    this.pending = [];
    return pending;
  }

  /** Folds read-back pairs (min0, max0, min1, max1, …; oldest first) into the range. */
  foldObserved(pairs: ArrayLike<number>): void {
    for (let i = 0; i + 1 < pairs.length; i += 2) {
      this.state = updateActivationRange(this.state, pairs[i], pairs[i + 1]);
    }
  }

  /** Reads the pending pairs (one awaited read) and folds them into the range. */
  async flush(): Promise<void> {
    const pending = this.takePending();
    if (!pending.length) return;
    const joined = tf.concat(pending);
    tf.dispose(pending);
    try {
      this.foldObserved(await joined.data());
    } finally {
      joined.dispose();
    }
  }

  /** The folded range; call flush() first (a pending observation would be missing). */
  get range(): ActivationRange {
    if (this.pending.length) {
      throw new LabError(
        'NOT_READY',
        'ActivationQuantizer.range was read with observations pending; await flush() first.',
      );
    }
    return { ...this.state };
  }

  /** Restores a saved range (e.g. after PTQ calibration in another worker). */
  setRange(range: ActivationRange): void {
    this.dispose();
    this.state = { ...range };
  }

  /** Frees pending observations (an aborted run); the folded range stays. */
  dispose(): void {
    tf.dispose(this.takePending());
  }
}
