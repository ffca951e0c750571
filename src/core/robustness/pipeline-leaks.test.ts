import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { LabError } from '../errors';
import type { ModelSpec } from '../model/spec';
import { compress } from '../pipeline/compress';
import { layerwiseConfig } from '../../../test-support/pipeline/configs';
import { quadrantSource, smallCnnSpec } from '../../../test-support/pipeline/pipeline-test-models';

/**
 * The whole compress pipeline, run again and again in one process (as the worker does), must
 * leave no tensor behind — neither when it finishes nor when it is cancelled in any phase —
 * and must never touch the spec it was given.
 */
const source = quadrantSource(64, 32);
// Two prunable groups, I = 2: pruning steps 0–5 (two windows of I + 1), then 3 fine-tune steps.
const config = layerwiseConfig({
  start0: 0,
  finetuneSteps: 3,
  learningRate: 0.003,
  batchSize: 8,
  seed: 2,
  evalLimit: 16,
});

const weightValues = (spec: ModelSpec): number[][] =>
  spec.layers.flatMap((l) => l.weights).map((w) => Array.from(spec.weights[w].data));

describe('compress pipeline leaks', () => {
  let spec: ModelSpec;
  let original: number[][];
  beforeAll(async () => {
    spec = await smallCnnSpec();
    original = weightValues(spec);
  });

  it('5 full runs: tensors back to the baseline after each, bytes flat', async () => {
    const baseline = tf.memory();
    const counts: number[] = [];
    const bytes: number[] = [];
    for (let run = 0; run < 5; run++) {
      const { report } = await compress({ spec, source, config });
      expect(report.steps).toEqual({ pruning: 6, finetune: 3, total: 9 });
      counts.push(tf.memory().numTensors);
      bytes.push(tf.memory().numBytes);
    }
    console.log(
      `tensors after each run ${counts.join(', ')} (baseline ${baseline.numTensors}); bytes ${bytes.join(', ')} (baseline ${baseline.numBytes})`,
    );
    expect(counts).toEqual([0, 0, 0, 0, 0].map(() => baseline.numTensors));
    for (const b of bytes) expect(Math.abs(b - baseline.numBytes)).toBeLessThanOrEqual(1024);
    expect(weightValues(spec)).toEqual(original);
  });

  it('cancelling after k progress events (before start, pruning windows, fine-tune) leaves no tensor and the spec unchanged', async () => {
    const baseline = tf.memory().numTensors;
    const phasesSeen: string[] = [];
    for (const k of [0, 1, 3, 6, 8]) {
      const controller = new AbortController();
      if (k === 0) controller.abort();
      let events = 0;
      const run = compress({
        spec,
        source,
        config,
        signal: controller.signal,
        onProgress: (e) => {
          if (++events === k) {
            phasesSeen.push(e.phase);
            controller.abort();
          }
        },
      });
      const error = await run.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect([k, error instanceof LabError && error.code, (error as Error).message]).toEqual([
        k,
        'CANCELLED',
        'The run was cancelled.',
      ]);
      expect([k, tf.memory().numTensors]).toEqual([k, baseline]);
    }
    expect(phasesSeen).toEqual([
      'prune:layerwise',
      'prune:layerwise',
      'prune:layerwise',
      'fine-tune',
    ]);
    expect(weightValues(spec)).toEqual(original);
  });
});
