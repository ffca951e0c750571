import { throwIfAborted } from '../errors';
import type { ForwardOptions } from '../exec/executor';
import type { BatchIterator } from './batches';
import { DivergenceGuard } from './divergence';
import { progressEvent, type ProgressEvent } from './progress';
import type { Trainer } from './trainer';

export interface TrainingLoopOptions {
  steps: number;
  batchIterator: BatchIterator;
  trainer: Trainer;
  /** Hooks for step t (0-based): masks, observers, quantizers of the schedule. */
  hooksForStep: (
    step: number,
  ) => Omit<ForwardOptions, 'training'> | Promise<Omit<ForwardOptions, 'training'>>;
  /** Learning rate for step t (a schedule); absent: the trainer's rate stays as it is. */
  learningRateAt?: (step: number) => number;
  /** After step t (0-based) with its loss: schedules update masks or statistics here. */
  onStepEnd?: (step: number, loss: number) => void;
  onProgress: (e: ProgressEvent) => void;
  signal?: AbortSignal;
  phase: string;
  unitForStep?: (step: number) => string | undefined;
  /** Injected clock for tests; defaults to performance.now / Date.now. */
  nowMs?: () => number;
}

export interface TrainingLoopResult {
  losses: number[];
  elapsedMs: number;
}

// Yield to the event loop this often so that an abort message can arrive in a worker.
const YIELD_EVERY_MS = 50;

const defaultNow = (): number =>
  globalThis.performance ? globalThis.performance.now() : Date.now();

/**
 * Runs `steps` training steps. Each batch is disposed right after its step, also when a
 * step throws, so an aborted run leaves no tensors behind (the trainer and executor
 * belong to the caller). The signal is checked before every step; an aborted run
 * throws LabError CANCELLED. A non-finite loss or a weight that blows up after a step throws
 * TRAINING_DIVERGED (divergence.ts), so nothing downstream exports a broken model.
 */
export async function runTrainingLoop(opts: TrainingLoopOptions): Promise<TrainingLoopResult> {
  const now = opts.nowMs ?? defaultNow;
  const start = now();
  let lastYield = start;
  const losses: number[] = [];
  const guard = await DivergenceGuard.create(opts.trainer.namedVariables(), opts.phase);
  for (let step = 0; step < opts.steps; step++) {
    throwIfAborted(opts.signal);
    if (opts.learningRateAt) opts.trainer.setLearningRate(opts.learningRateAt(step));
    const batch = opts.batchIterator.next();
    let loss: number;
    try {
      loss = await opts.trainer.step(batch, await opts.hooksForStep(step));
    } finally {
      batch.x.dispose();
      batch.y?.dispose();
    }
    await guard.check(step, loss);
    losses.push(loss);
    opts.onStepEnd?.(step, loss);
    opts.onProgress(
      progressEvent(
        opts.phase,
        step + 1,
        opts.steps,
        loss,
        now() - start,
        opts.unitForStep?.(step),
      ),
    );
    if (now() - lastYield >= YIELD_EVERY_MS) {
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
      lastYield = now();
    }
  }
  return { losses, elapsedMs: now() - start };
}
