/**
 * Per-tensor activation quantizer state for QAT and PTQ calibration (method.md §5).
 *
 * lo/hi are plain numbers (cumulative means of batch min/max); `observe` reads them back with
 * a single dataSync of a 2-element tensor per call. Keeping them as tensors would avoid that
 * sync, but the training step already syncs for its loss, and numbers keep the state
 * serialisable (docs/quantization.md gives the measured cost).
 */
import * as tf from '@tensorflow/tfjs';
import { fakeQuantActivation } from './fake-quant-ops';
import {
  assertSupportedBits,
  EMPTY_ACTIVATION_RANGE,
  updateActivationRange,
  type ActivationRange,
} from './quantize-math';

export interface ActivationQuantizerOptions {
  bits: number;
  /** apply() is the identity before this training step (the reference's activation delay). */
  delaySteps: number;
}

export class ActivationQuantizer {
  readonly bits: number;
  readonly delaySteps: number;
  private state: ActivationRange = EMPTY_ACTIVATION_RANGE;

  constructor(opts: ActivationQuantizerOptions) {
    assertSupportedBits(opts.bits, 'Activation quantization');
    this.bits = opts.bits;
    this.delaySteps = opts.delaySteps;
  }

  /** Folds this batch's min and max into the cumulative means (one dataSync). */
  observe(x: tf.Tensor): void {
    const minMax = tf.tidy(() => tf.stack([tf.min(x), tf.max(x)]));
    const [batchMin, batchMax] = minMax.dataSync();
    minMax.dispose();
    this.state = updateActivationRange(this.state, batchMin, batchMax);
  }

  /** True once `step` has reached the delay and at least one batch was observed. */
  isActive(step: number): boolean {
    return step >= this.delaySteps && this.state.count > 0;
  }

  /**
   * Fake-quantizes x when active; otherwise returns x itself (the same tensor object, so a
   * caller must not dispose the result separately from x in that case).
   */
  apply(x: tf.Tensor, step: number): tf.Tensor {
    if (!this.isActive(step)) return x;
    return fakeQuantActivation(x, this.state.lo, this.state.hi, this.bits);
  }

  get range(): ActivationRange {
    return { ...this.state };
  }

  /** Restores a saved range (e.g. after PTQ calibration in another worker). */
  setRange(range: ActivationRange): void {
    this.state = { ...range };
  }
}
