/**
 * Measures what a run costs on this machine before it starts: one training step at the run's
 * batch (after a warm-up step that builds kernels and Adam's moments) and one evaluated example.
 * The page turns these into an ETA and into step counts that fit a first run in 5 minutes.
 */
import * as tf from '@tensorflow/tfjs';
import { ModelExecutor } from '../core/exec/executor';
import { evalBatchSize } from '../core/limits/memory-plan';
import { BatchIterator } from '../core/train/batches';
import { Trainer, type LossKind } from '../core/train/trainer';
import { LabError } from '../core/errors';
import { requireData, requireModel, session } from './engine-session';

export interface StepCosts {
  trainStepMs: number;
  evalExampleMs: number;
}

const TIMED_STEPS = 2;

function lossKind(task: string): LossKind {
  if (task === 'classification') return 'cross-entropy';
  return task === 'image-to-image' ? 'mse' : 'distillation';
}

let probe: Promise<StepCosts> | null = null;

/** Resolves when no timing probe is running (a run waits for it: one training at a time). */
export async function probeIdle(): Promise<void> {
  await probe?.catch(() => undefined);
}

export async function timeSteps(batchSize: number): Promise<StepCosts> {
  if (session.runs.size > 0)
    throw new LabError('BUSY', 'A run is in progress; step costs are measured before it.');
  await probeIdle();
  probe = measure(batchSize);
  try {
    return await probe;
  } finally {
    probe = null;
  }
}

async function measure(batchSize: number): Promise<StepCosts> {
  const { spec } = requireModel();
  const { source } = requireData();
  const executor = new ModelExecutor(spec, { bnMode: 'batch' });
  const loss = lossKind(source.task);
  const teacher =
    loss === 'distillation'
      ? (x: tf.Tensor) => executor.forward(x, { training: false })
      : undefined;
  const trainer = new Trainer(executor, { optimizer: 'adam', learningRate: 1e-3, loss, teacher });
  const batches = new BatchIterator(source, 'train', batchSize, 1);
  const step = async () => {
    const batch = batches.next();
    try {
      await trainer.step(batch, {});
    } finally {
      tf.dispose([batch.x, ...(batch.y ? [batch.y] : [])]);
    }
  };
  try {
    await step();
    const t0 = performance.now();
    for (let i = 0; i < TIMED_STEPS; i++) await step();
    const trainStepMs = (performance.now() - t0) / TIMED_STEPS;
    const evalBatch = new BatchIterator(source, 'train', evalBatchSize(spec), 2).next();
    const t1 = performance.now();
    const out = executor.forward(evalBatch.x, { training: false });
    await out.data();
    const evalExampleMs = (performance.now() - t1) / evalBatch.x.shape[0];
    tf.dispose([out, evalBatch.x, ...(evalBatch.y ? [evalBatch.y] : [])]);
    return { trainStepMs, evalExampleMs };
  } finally {
    trainer.dispose();
    executor.dispose();
  }
}
