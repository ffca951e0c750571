import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type LabError } from '../errors';
import type { ModelSpec } from '../model/spec';
import { compress } from '../pipeline/compress';
import { quadrantSource, smallCnnSpec } from '../../../test-support/pipeline/pipeline-test-models';
import { DivergenceGuard } from './divergence';

const source = quadrantSource(64, 32);
let spec: ModelSpec;
beforeAll(async () => {
  spec = await smallCnnSpec();
});

async function failure(run: () => Promise<unknown>): Promise<LabError> {
  try {
    await run();
  } catch (e) {
    return e as LabError;
  }
  throw new Error('expected the run to fail');
}

describe('divergence', () => {
  it('a learning rate of 1e3 stops the run with TRAINING_DIVERGED and leaks nothing', async () => {
    const before = tf.memory().numTensors;
    const e = await failure(() =>
      compress({
        spec,
        source,
        config: {
          sparsity: 0.5,
          statsSteps: 2,
          refreshSteps: 1,
          finetuneSteps: 4,
          batchSize: 8,
          learningRate: 1e3,
        },
        onProgress: () => {},
      }),
    );
    expect(e.code).toBe('TRAINING_DIVERGED');
    expect(e.message).toMatch(
      /^Training diverged at step 1 of prune:layerwise: weight "conv1\/kernel" grew to 1\.00e\+3 in magnitude \(from 2\.\d\de-1\); try a lower learning rate\.$/,
    );
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a NaN loss and a non-finite weight are named', async () => {
    const v = tf.variable(tf.tensor1d([0.5, -2]));
    const guard = await DivergenceGuard.create([['d/kernel', v]], 'fine-tune');
    await expect(guard.check(36, NaN)).rejects.toThrow(
      'Training diverged at step 37 of fine-tune: the loss is NaN; try a lower learning rate.',
    );
    await expect(guard.check(3, 0.5)).resolves.toBeUndefined();
    v.assign(tf.tensor1d([Infinity, 1]));
    await expect(guard.check(4, 0.5)).rejects.toThrow(
      'Training diverged at step 5 of fine-tune: weight "d/kernel" holds NaN or infinite values (its largest magnitude was 2.00e+0); try a lower learning rate.',
    );
    v.assign(tf.tensor1d([201, 1]));
    await expect(guard.check(5, 0.5)).rejects.toThrow(
      'Training diverged at step 6 of fine-tune: weight "d/kernel" grew to 2.01e+2 in magnitude (from 2.00e+0); try a lower learning rate.',
    );
    v.assign(tf.tensor1d([199, 1]));
    await expect(guard.check(6, 0.5)).resolves.toBeUndefined();
    v.dispose();
  });
});
