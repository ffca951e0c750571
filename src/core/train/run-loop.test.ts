import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { LabError } from '../errors';
import { ModelExecutor } from '../exec/executor';
import { BatchIterator } from './batches';
import type { ProgressEvent } from './progress';
import { runTrainingLoop } from './run-loop';
import { syntheticSource } from './synthetic-source';
import { tinyCnnSpec } from '../../../test-support/train/train-fixtures';
import { Trainer } from './trainer';

async function run(
  seed: number,
  steps: number,
  extra: { signal?: AbortSignal; abortAt?: () => void; at?: number } = {},
) {
  const spec = await tinyCnnSpec(1);
  const before = tf.memory().numTensors;
  const exec = new ModelExecutor(spec, { bnMode: 'batch' });
  const trainer = new Trainer(exec, {
    optimizer: 'adam',
    learningRate: 0.01,
    loss: 'cross-entropy',
  });
  const events: ProgressEvent[] = [];
  const hookSteps: number[] = [];
  try {
    const result = await runTrainingLoop({
      steps,
      phase: 'fine-tune',
      batchIterator: new BatchIterator(syntheticSource(), 'train', 8, seed),
      trainer,
      hooksForStep: (s) => (hookSteps.push(s), {}),
      onStepEnd: (s) => (s === extra.at ? extra.abortAt?.() : undefined),
      onProgress: (e) => events.push(e),
      signal: extra.signal,
      unitForStep: (s) => (s < 2 ? 'conv-a' : undefined),
    });
    return { result, events, hookSteps, error: undefined as unknown };
  } catch (error) {
    return { result: undefined, events, hookSteps, error };
  } finally {
    trainer.dispose();
    exec.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }
}

describe('runTrainingLoop', () => {
  it('reports one progress event per step with the documented fields', async () => {
    const { result, events, hookSteps } = await run(1, 4);
    expect(result!.losses).toHaveLength(4);
    expect(hookSteps).toEqual([0, 1, 2, 3]);
    expect(events.map((e) => e.step)).toEqual([1, 2, 3, 4]);
    expect(events.map((e) => e.unit)).toEqual(['conv-a', 'conv-a', undefined, undefined]);
    expect(events[3]).toMatchObject({
      phase: 'fine-tune',
      totalSteps: 4,
      loss: result!.losses[3],
      etaMs: 0,
    });
    expect(events[0].etaMs).toBeGreaterThanOrEqual(0);
    expect(events[0].elapsedMs).toBeLessThanOrEqual(events[3].elapsedMs);
  });

  it('repeats the same losses for the same seed and differs for another', async () => {
    const a = await run(7, 3);
    const b = await run(7, 3);
    const c = await run(8, 3);
    expect(b.result!.losses).toEqual(a.result!.losses);
    expect(c.result!.losses).not.toEqual(a.result!.losses);
  });

  it('throws CANCELLED when aborted mid-run and leaks no tensors', async () => {
    const controller = new AbortController();
    const { error, events } = await run(1, 10, {
      signal: controller.signal,
      at: 2,
      abortAt: () => controller.abort(),
    });
    expect(error).toBeInstanceOf(LabError);
    expect((error as LabError).code).toBe('CANCELLED');
    expect((error as LabError).message).toBe('The run was cancelled.');
    expect(events).toHaveLength(3);
  });
});
