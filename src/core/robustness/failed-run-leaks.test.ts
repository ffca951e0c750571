import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from '../data/source';
import type { ModelSpec } from '../model/spec';
import { evaluateOnSource } from '../data/evaluate';
import { compress } from '../pipeline/compress';
import { layerwiseConfig } from '../../../test-support/pipeline/configs';
import { quadrantSource, smallCnnSpec } from '../../../test-support/pipeline/pipeline-test-models';
import { quantizeModel } from '../pipeline/quantize-model';

/**
 * Runs that cannot succeed — data with the wrong number of classes, a batch of ten million,
 * a schedule that would run for years — are refused before they allocate, leave the tensor
 * count where it was, and the next good run in the same process succeeds.
 */
const source = quadrantSource(64, 32);
const config = layerwiseConfig({ finetuneSteps: 2, batchSize: 8, evalLimit: 16 });

/** The quadrant images labelled with only 2 classes (the model has 4 outputs). */
const twoClassSource: DataSource = {
  ...source,
  id: 'two-classes',
  numClasses: 2,
  size: (split) => source.size(split),
  batch: (split, indices) => {
    const b = source.batch(split, indices);
    const y = tf.tidy(() => b.y!.slice([0, 0], [-1, 2]));
    b.y!.dispose();
    return { x: b.x, y };
  },
};

describe('failed runs leave nothing behind', () => {
  let spec: ModelSpec;
  beforeAll(async () => {
    spec = await smallCnnSpec();
  });

  it('refuses a class-count mismatch by name, in compress and in PTQ', async () => {
    const before = tf.memory().numTensors;
    const message = `Model "${spec.name}" ends in 4 outputs but the data has 2 classes; choose data with 4 classes or a model with 2 outputs.`;
    await expect(compress({ spec, source: twoClassSource, config })).rejects.toMatchObject({
      code: 'INVALID_DATA',
      message,
    });
    await expect(
      quantizeModel({
        spec,
        source: twoClassSource,
        quant: { weightBits: 8, activationBits: 8, perChannel: true, pow2: false },
      }),
    ).rejects.toThrow(message);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses a batch of 10,000,000 and --start0 1e9, then a good run succeeds', async () => {
    const before = tf.memory().numTensors;
    await expect(
      compress({ spec, source, config: { ...config, batchSize: 10_000_000 } }),
    ).rejects.toThrow('batchSize must be an integer from 1 to 4096, got 10000000.');
    await expect(compress({ spec, source, config: { ...config, start0: 1e9 } })).rejects.toThrow(
      'start0 must be an integer from 0 to 1000000, got 1000000000.',
    );
    await expect(
      compress({ spec, source, config: { ...config, finetuneSteps: 2.5 } }),
    ).rejects.toThrow('finetuneSteps must be an integer from 0 to 1000000, got 2.5.');
    expect(tf.memory().numTensors).toBe(before);
    const result = await compress({ spec, source, config });
    expect(result.report.groups.map((g) => g.kept)).toEqual([4, 4]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops an evaluation between batches on cancel, leaving no tensor', async () => {
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    let batches = 0;
    const predict = (x: tf.Tensor) => {
      if (++batches === 2) controller.abort();
      return tf.zeros([x.shape[0], 4]);
    };
    await expect(
      evaluateOnSource(predict, source, 'test', { batchSize: 8, signal: controller.signal }),
    ).rejects.toMatchObject({ code: 'CANCELLED', message: 'The run was cancelled.' });
    expect(batches).toBe(2);
    expect(tf.memory().numTensors).toBe(before);
  });
});
