import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { syntheticSource } from '../train/synthetic-source';
import { agreement } from './metrics';
import { topOneAgreement } from './agreement';

/** Three "class scores" per image: its first three pixels. */
const firstThree = (x: tf.Tensor) => tf.slice(tf.reshape(x, [x.shape[0], -1]), [0, 0], [-1, 3]);
/** The same scores with the third class lifted by `bias`: some top-1 choices change. */
const lifted = (bias: number) => (x: tf.Tensor) => tf.add(firstThree(x), tf.tensor1d([0, 0, bias]));

function scoresOf(source: ReturnType<typeof syntheticSource>, split: 'train' | 'test', n: number) {
  const { x } = source.batch(
    split,
    Array.from({ length: n }, (_, i) => i),
  );
  const a = firstThree(x);
  const b = lifted(0.3)(x);
  const out = { a: a.dataSync(), b: b.dataSync() };
  tf.dispose([x, a, b]);
  return out;
}

describe('topOneAgreement', () => {
  it('equals the top-1 match rate computed by hand, in any batch size, with no leaks', async () => {
    const source = syntheticSource({ task: 'unlabelled', train: 8, test: 20 });
    const { a, b } = scoresOf(source, 'test', 20);
    const byHand = agreement(b, a, 3);
    expect(byHand).toBeGreaterThan(0);
    expect(byHand).toBeLessThan(1);
    const before = tf.memory().numTensors;
    for (const batchSize of [1, 3, 20]) {
      const r = await topOneAgreement(lifted(0.3), firstThree, source, { batchSize });
      expect(r).toEqual({ value: byHand, n: 20, split: 'test' });
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('scores the held-back (test) images; limit caps n; no test split → train', async () => {
    const source = syntheticSource({ task: 'unlabelled', train: 8, test: 20 });
    const self = await topOneAgreement(firstThree, firstThree, source, { batchSize: 4, limit: 6 });
    expect(self).toEqual({ value: 1, n: 6, split: 'test' });
    const trainOnly = syntheticSource({ task: 'unlabelled', train: 8, test: 0 });
    const { a, b } = scoresOf(trainOnly, 'train', 8);
    const r = await topOneAgreement(lifted(0.3), firstThree, trainOnly, { batchSize: 5 });
    expect(r).toEqual({ value: agreement(b, a, 3), n: 8, split: 'train' });
  });

  it('no images: a precise error', async () => {
    const empty = syntheticSource({ task: 'unlabelled', train: 0, test: 0 });
    await expect(topOneAgreement(firstThree, firstThree, empty, { batchSize: 4 })).rejects.toThrow(
      'Data source "synthetic-unlabelled" has no images to score agreement on; add images to the folder.',
    );
  });
});
