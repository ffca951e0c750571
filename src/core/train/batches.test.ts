import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { BatchIterator } from './batches';
import { syntheticSource } from './synthetic-source';

describe('BatchIterator', () => {
  it('covers each epoch without repeats, reshuffles per epoch and repeats per seed', () => {
    const source = syntheticSource({ train: 10 });
    const it1 = new BatchIterator(source, 'train', 3, 5);
    const epoch0 = [it1.nextIndices(), it1.nextIndices(), it1.nextIndices()].flat();
    expect(new Set(epoch0).size).toBe(9);
    expect(it1.epoch).toBe(0);
    expect(it1.stepsPerEpoch).toBe(3);
    const epoch1 = [it1.nextIndices(), it1.nextIndices(), it1.nextIndices()].flat();
    expect(it1.epoch).toBe(1);
    expect(epoch1).not.toEqual(epoch0);
    const it2 = new BatchIterator(source, 'train', 3, 5);
    expect([it2.nextIndices(), it2.nextIndices(), it2.nextIndices()].flat()).toEqual(epoch0);
  });

  it('returns tensors of the batch size and caps it at the split size', () => {
    const source = syntheticSource({ train: 4 });
    const batch = new BatchIterator(source, 'train', 16, 1).next();
    expect(batch.x.shape).toEqual([4, 8, 8, 1]);
    expect(batch.y!.shape).toEqual([4, 2]);
    tf.dispose([batch.x, batch.y!]);
  });

  it('refuses a bad batch size with an exact message', () => {
    expect(() => new BatchIterator(syntheticSource(), 'train', 0, 1)).toThrow(
      'The batch size must be a positive integer, not 0.',
    );
  });
});
