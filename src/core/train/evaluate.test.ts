import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { ModelExecutor } from '../exec/executor';
import { evaluate, predictAll } from './evaluate';
import { syntheticSource } from './synthetic-source';
import { tinyCnnSpec, tinyDenoiserSpec } from '../../../test-support/train/train-fixtures';

describe('evaluate', () => {
  it('agreement with itself is 1, limit caps n, no leaks', async () => {
    const source = syntheticSource({ task: 'unlabelled', test: 20 });
    const a = new ModelExecutor(await tinyCnnSpec(1));
    const b = new ModelExecutor(await tinyCnnSpec(6, 2));
    const before = tf.memory().numTensors;
    const self = await evaluate(a, source, { split: 'test', batchSize: 8, reference: a });
    expect(self).toEqual({ metric: 'agreement', value: 1, n: 20 });
    const other = await evaluate(b, source, {
      split: 'test',
      batchSize: 8,
      reference: a,
      limit: 12,
    });
    expect(other.n).toBe(12);
    expect(other.value * 12).toBeCloseTo(Math.round(other.value * 12), 9);
    expect(tf.memory().numTensors).toBe(before);
    await expect(evaluate(a, source, { split: 'test', batchSize: 8 })).rejects.toThrow(
      'Data source "synthetic-unlabelled" is unlabelled: evaluation needs the original model as a reference.',
    );
    a.dispose();
    b.dispose();
  });

  it('accuracy equals the argmax match rate computed by hand', async () => {
    const source = syntheticSource({ test: 10 });
    const exec = new ModelExecutor(await tinyCnnSpec(3));
    const result = await evaluate(exec, source, { split: 'test', batchSize: 4 });
    const all = predictAll(exec, source, { split: 'test', batchSize: 4 });
    const labels = source.batch(
      'test',
      Array.from({ length: 10 }, (_, i) => i),
    );
    const byHand = tf.tidy(
      () => tf.mean(tf.equal(tf.argMax(all, 1), tf.argMax(labels.y!, 1)).toFloat()).dataSync()[0],
    );
    expect(all.shape).toEqual([10, 2]);
    expect(result.metric).toBe('accuracy');
    expect(result.value).toBeCloseTo(byHand, 6);
    tf.dispose([all, labels.x, labels.y!]);
    exec.dispose();
  });

  it('PSNR of an image model is finite and in dB', async () => {
    const source = syntheticSource({ task: 'image-to-image', test: 6 });
    const exec = new ModelExecutor(await tinyDenoiserSpec());
    const r = await evaluate(exec, source, { split: 'test', batchSize: 4 });
    expect(r.metric).toBe('psnr');
    expect(r.n).toBe(6);
    expect(r.value).toBeGreaterThan(0);
    expect(r.value).toBeLessThan(100);
    exec.dispose();
  });
});
