import * as tf from '@tensorflow/tfjs';
import { ModelExecutor } from '../src/core/exec/executor';
import type { ModelSpec } from '../src/core/model/spec';
import { Trainer, type LossKind } from '../src/core/train/trainer';
import { timeRuns, type Timing, type TimingPlan } from './timing';

/**
 * Times one training step and one inference pass per batch of a ModelSpec on the current
 * tfjs backend, through the lab's own executor and trainer (what the pipeline runs), with
 * random inputs of the model's shape. Runs in Node and in the browser bench page alike.
 */
export interface SpeedCase {
  spec: ModelSpec;
  loss: LossKind;
  batch: number;
  plan: TimingPlan;
  /** Skip the training step (e.g. a backend too slow to train within the run's budget). */
  inferOnly?: boolean;
}

export interface SpeedCell {
  model: string;
  backend: string;
  batch: number;
  train: Timing | null;
  /** Why the training step failed on this backend (then `train` is null). */
  trainError?: string;
  infer: Timing;
  /** Tensors left behind by the measurement: must be 0. */
  leakedTensors: number;
}

function randomBatch(
  spec: ModelSpec,
  batch: number,
  outShape: number[],
  loss: LossKind,
): { x: tf.Tensor; y: tf.Tensor } {
  const inShape = spec.inputShapes[0].map((d) => (d === null || d < 0 ? 1 : d));
  const x = tf.randomUniform([batch, ...inShape], 0, 1, 'float32', 7);
  const y =
    loss === 'cross-entropy'
      ? tf.tidy(() =>
          tf.oneHot(tf.randomUniform([batch], 0, outShape[0], 'int32', 8), outShape[0]).toFloat(),
        )
      : tf.randomUniform([batch, ...outShape], 0, 1, 'float32', 9);
  return { x, y };
}

async function timeCase(c: SpeedCase): Promise<Omit<SpeedCell, 'leakedTensors'>> {
  // Batch-statistics BN: what compress and train:demos train with (the PyTorch side matches).
  const executor = new ModelExecutor(c.spec, { bnMode: 'batch' });
  const probeInput = tf.zeros([
    1,
    ...c.spec.inputShapes[0].map((d) => (d === null || d < 0 ? 1 : d)),
  ]);
  const probe = executor.forward(probeInput, { training: false });
  const outShape = probe.shape.slice(1);
  tf.dispose([probe, probeInput]);
  const { x, y } = randomBatch(c.spec, c.batch, outShape, c.loss);
  const trainer = new Trainer(executor, { optimizer: 'adam', learningRate: 1e-3, loss: c.loss });
  try {
    let train: Timing | null = null;
    let trainError: string | undefined;
    try {
      if (!c.inferOnly) train = await timeRuns(c.plan, () => trainer.step({ x, y }, {}));
    } catch (e) {
      trainError = e instanceof Error ? e.message.split('\n')[0] : String(e);
    }
    const infer = await timeRuns(c.plan, async () => {
      const out = executor.forward(x, { training: false });
      await out.data();
      out.dispose();
    });
    return {
      model: c.spec.name,
      backend: tf.getBackend(),
      batch: c.batch,
      train,
      ...(trainError ? { trainError } : {}),
      infer,
    };
  } finally {
    trainer.dispose();
    executor.dispose();
    tf.dispose([x, y]);
  }
}

/** Times the case and counts the tensors it left behind after disposing everything it made. */
export async function measureSpeed(c: SpeedCase): Promise<SpeedCell> {
  const before = tf.memory().numTensors;
  const cell = await timeCase(c);
  return { ...cell, leakedTensors: tf.memory().numTensors - before };
}
