import * as tf from '@tensorflow/tfjs';
import { inverseAffine, randomAffineParams, type AffineRange } from '../demos/augment';
import { createRng } from '../random';
import type { Batch, DataSource, Split } from './source';

/**
 * The rotation / zoom / shift range the demo classifiers were trained with; fine-tuning a
 * pruned classifier on the same augmentation keeps it from overfitting 8,000 digits.
 */
export const DIGIT_AUGMENT: AffineRange = { maxRotationDeg: 12, maxScale: 0.1, maxShiftPx: 2 };

/** Whether `augmentedSource` applies to this source: labelled images (rank-3 inputs). */
export function canAugment(source: DataSource): boolean {
  return source.task === 'classification' && source.inputShape.length === 3;
}

/**
 * Wraps a classification source so that every TRAIN batch gets a seeded random rotation, zoom
 * and shift per image (bilinear, zero fill; tf.image.transform, so it runs on any backend without
 * reading tensors back). Test batches and labels pass through unchanged.
 */
export function augmentedSource(source: DataSource, range: AffineRange, seed: number): DataSource {
  const random = createRng(seed);
  const [height, width] = source.inputShape;
  return {
    id: source.id,
    task: source.task,
    inputShape: source.inputShape,
    numClasses: source.numClasses,
    size: (split: Split) => source.size(split),
    batch(split: Split, indices: number[]): Batch {
      const batch = source.batch(split, indices);
      if (split !== 'train') return batch;
      const matrices = indices.flatMap(() =>
        inverseAffine(randomAffineParams(range, random), height, width),
      );
      const x = tf.tidy(() =>
        tf.image.transform(
          batch.x as tf.Tensor4D,
          tf.tensor2d(matrices, [indices.length, 8]),
          'bilinear',
          'constant',
          0,
        ),
      );
      batch.x.dispose();
      return { ...batch, x };
    },
  };
}
