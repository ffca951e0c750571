/**
 * The memory plan of a run (asked before Run, enforced again when a run starts) and the
 * translation of an out-of-memory failure into the typed OUT_OF_MEMORY error.
 */
import * as tf from '@tensorflow/tfjs';
import { LabError } from '../core/errors';
import { planMemory, type MemoryPlan } from '../core/limits/memory-plan';
import { isOutOfMemoryError, outOfMemoryError } from '../core/limits/out-of-memory';
import { requireModel, session } from './engine-session';
import type { PipelineSettings } from '../protocol/engine-types';
import type { MemoryPlanInfo } from '../protocol/messages';

function planFor(settings: PipelineSettings, budgetBytes: number): MemoryPlan {
  return planMemory({
    spec: requireModel().spec,
    batchSize: settings.batchSize,
    budgetBytes,
    optimizer: 'adam',
    // Unlabelled data trains against the original model: a teacher copy of the weights.
    distill: session.data?.source.task === 'unlabelled',
    quantize: settings.wbits < 32 || settings.abits < 32,
    qatSteps: settings.qatSteps,
  });
}

export function memoryPlan(settings: PipelineSettings, budgetBytes: number): MemoryPlanInfo {
  if (!(Number.isInteger(settings.batchSize) && settings.batchSize > 0)) {
    throw new LabError(
      'OUT_OF_RANGE',
      `Batch size ${settings.batchSize} must be a positive integer.`,
    );
  }
  const plan = planFor(settings, budgetBytes);
  return {
    phases: plan.phases.map((p) => ({ phase: p.phase, bytes: p.bytes })),
    peakBytes: plan.peakBytes,
    peakPhase: plan.peakPhase,
    budgetBytes,
    fits: plan.fits,
    largestBatch: plan.largestBatch,
    refusal: plan.refusal,
  };
}

/** A run the plan says cannot fit is refused before it allocates anything. */
export function checkRunFits(settings: PipelineSettings, budgetBytes: number | undefined): void {
  if (budgetBytes === undefined) return;
  const plan = planFor(settings, budgetBytes);
  if (!plan.fits) throw new LabError('MEMORY_BUDGET', plan.refusal!);
}

/** An out-of-memory failure of a run, as OUT_OF_MEMORY with its phase and the batch to try. */
export function asOutOfMemory(
  e: unknown,
  settings: PipelineSettings,
  phase: string,
  budgetBytes: number | undefined,
): unknown {
  if (!isOutOfMemoryError(e) || e instanceof LabError) return e;
  let largestBatch = 0;
  try {
    if (budgetBytes !== undefined) largestBatch = planFor(settings, budgetBytes).largestBatch;
  } catch {
    // The plan is advice only; a failure here must not hide the out-of-memory error.
  }
  return outOfMemoryError({ phase, batchSize: settings.batchSize, largestBatch }, e);
}

/**
 * `?simulate=heap-limit-mib=N`: a tensor allocation that takes tfjs past N MiB fails as a wasm
 * heap would ("Aborted()"), so the specs can run out of memory at a size the machine can hold.
 */
export function installSimulatedHeapLimit(limitMiB: number | undefined): void {
  if (!limitMiB) return;
  const limitBytes = limitMiB * 1024 * 1024;
  const engine = tf.engine() as unknown as {
    trackTensor: (...args: unknown[]) => void;
    state: { numBytes: number };
  };
  const track = engine.trackTensor.bind(engine);
  engine.trackTensor = (...args: unknown[]) => {
    track(...args);
    if (engine.state.numBytes > limitBytes)
      throw new Error('Aborted(). Build with -sASSERTIONS for more info.');
  };
}
