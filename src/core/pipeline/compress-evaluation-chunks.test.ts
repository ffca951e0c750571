import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { ModelExecutor } from '../exec/executor';
import { compareOutputs } from './compress-evaluation';
import { quadrantSource, smallCnnSpec } from '../../../test-support/pipeline/pipeline-test-models';

describe('compareOutputs in chunks', () => {
  it('gives the same largest difference over 64 examples in chunks of 5 as in one batch, leak-free', async () => {
    const source = quadrantSource(16, 64);
    const a = new ModelExecutor(await smallCnnSpec(3));
    const b = new ModelExecutor(await smallCnnSpec(4));
    const before = tf.memory().numTensors;
    const predictA = (x: tf.Tensor) => a.forward(x, { training: false });
    const predictB = (x: tf.Tensor) => b.forward(x, { training: false });
    const whole = await compareOutputs(predictA, predictB, source, 64);
    const chunked = await compareOutputs(predictA, predictB, source, 5);
    expect(whole.n).toBe(64);
    expect(chunked.n).toBe(64);
    expect(whole.maxAbsOutputDiff).toBeGreaterThan(0.01);
    expect(chunked.maxAbsOutputDiff).toBeCloseTo(whole.maxAbsOutputDiff, 6);
    expect(tf.memory().numTensors).toBe(before);
    a.dispose();
    b.dispose();
  });
});
