import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { affineImage, inverseAffine, randomAffineParams } from '../demos/augment';
import { createRng } from '../random';
import { augmentedSource, canAugment, DIGIT_AUGMENT } from './augmented-source';
import type { Batch, DataSource, Split } from './source';

const H = 6;
const W = 5;
function pixelsOf(i: number): Float32Array {
  return Float32Array.from({ length: H * W }, (_, k) => ((k * 7 + i * 3) % 11) / 10);
}

function fakeSource(task: DataSource['task'] = 'classification'): DataSource {
  return {
    id: 'fake',
    task,
    inputShape: [H, W, 1],
    numClasses: 2,
    size: () => 4,
    batch(_split: Split, indices: number[]): Batch {
      const x = tf.tensor4d(Float32Array.from(indices.flatMap((i) => Array.from(pixelsOf(i)))), [
        indices.length,
        H,
        W,
        1,
      ]);
      const labels = indices.map((i) => i % 2);
      return { x, y: tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), 2)) };
    },
  };
}

describe('augmentedSource', () => {
  it('transforms train batches exactly as the JS resampler does, with the same seeded draws', async () => {
    const before = tf.memory().numTensors;
    const source = augmentedSource(fakeSource(), DIGIT_AUGMENT, 5);
    const batch = source.batch('train', [0, 3]);
    const actual = await batch.x.data();
    const random = createRng(5);
    for (const [n, i] of [0, 3].entries()) {
      const expected = new Float32Array(H * W);
      affineImage(pixelsOf(i), H, W, randomAffineParams(DIGIT_AUGMENT, random), expected);
      const got = actual.slice(n * H * W, (n + 1) * H * W);
      const maxDiff = Math.max(...Array.from(got, (v, k) => Math.abs(v - expected[k])));
      expect(maxDiff).toBeLessThan(1e-5);
    }
    expect(Array.from(await batch.y!.data())).toEqual([1, 0, 0, 1]);
    tf.dispose([batch.x, batch.y!]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('passes test batches through and only applies to labelled images', async () => {
    const source = augmentedSource(fakeSource(), DIGIT_AUGMENT, 5);
    const batch = source.batch('test', [2]);
    expect(Array.from(await batch.x.data())).toEqual(Array.from(pixelsOf(2)));
    tf.dispose([batch.x, batch.y!]);
    expect(canAugment(fakeSource())).toBe(true);
    expect(canAugment(fakeSource('image-to-image'))).toBe(false);
    expect(inverseAffine({ angle: 0, scale: 1, ty: 0, tx: 0 }, H, W)).toEqual([
      1, 0, 0, -0, 1, 0, 0, 0,
    ]);
  });
});
