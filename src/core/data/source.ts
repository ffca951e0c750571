import type * as tf from '@tensorflow/tfjs';

/**
 * Where training, statistics and evaluation batches come from. A source owns plain
 * typed arrays; `batch` creates tensors that the caller disposes.
 *
 * - 'classification': x images, y one-hot labels [B, numClasses]; metric = accuracy.
 * - 'image-to-image': x (e.g. noisy) images, y target images of the output's shape; metric = PSNR.
 * - 'unlabelled': x only; training uses distillation against the original model and the
 *   metric is agreement with it.
 */
export type TaskKind = 'classification' | 'image-to-image' | 'unlabelled';
export type Split = 'train' | 'test';

export interface Batch {
  x: tf.Tensor;
  y?: tf.Tensor;
}

export interface DataSource {
  readonly id: string;
  readonly task: TaskKind;
  /** Input shape without batch, channels last, e.g. [28, 28, 1]. */
  readonly inputShape: number[];
  readonly numClasses?: number;
  size(split: Split): number;
  /** Tensors for the given example indices of a split; the caller disposes them. */
  batch(split: Split, indices: number[]): Batch;
}
