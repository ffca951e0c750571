import * as tf from '@tensorflow/tfjs';
import type { Batch, DataSource, Split } from '../data/source';

/**
 * Uniform noise images of any shape with cycling labels, for memory measurements (only tests
 * import this): what is measured is bytes, not accuracy, so the content does not matter.
 */
export function noiseSource(
  inputShape: number[],
  numClasses: number,
  task: 'classification' | 'image-to-image' | 'unlabelled' = 'classification',
  count = 64,
): DataSource {
  return {
    id: 'noise',
    task,
    inputShape,
    numClasses,
    size: () => count,
    batch(_split: Split, indices: number[]): Batch {
      const n = indices.length;
      const x = tf.randomUniform([n, ...inputShape], 0, 1, 'float32', 5);
      if (task === 'unlabelled') return { x };
      if (task === 'image-to-image') return { x, y: tf.clone(x) };
      const labels = tf.tensor1d(
        indices.map((i) => i % numClasses),
        'int32',
      );
      const y = tf.tidy(() => tf.oneHot(labels, numClasses).toFloat());
      labels.dispose();
      return { x, y };
    },
  };
}
