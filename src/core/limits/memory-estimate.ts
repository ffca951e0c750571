import { inferShapes } from '../graph/shape-inference';
import { countParams, type ModelSpec } from '../model/spec';
import { formatMiB } from './file-limits';

/**
 * A rough, documented estimate of the memory a training run holds, for the UI to warn before
 * a run rather than let a tab die mid-way:
 *   parameters × 4 bytes × (1 weights + 1 gradients + optimizer slots (Adam 2, SGD 0))
 *   + activation values per example (every layer's output, the input included) × batch × 4 bytes.
 * It is a lower bound: tfjs also keeps backward intermediates and the backend its own scratch;
 * layers whose output shape cannot be inferred are left out (named in `unknownShapes`).
 */
export interface TrainingMemoryOptions {
  batch: number;
  /** Default 'adam' (two slots per parameter). */
  optimizer?: 'adam' | 'sgd';
}

export interface TrainingMemoryEstimate {
  bytes: number;
  breakdown: {
    params: number;
    weightBytes: number;
    gradientBytes: number;
    optimizerBytes: number;
    activationElementsPerExample: number;
    activationBytes: number;
  };
  unknownShapes: string[];
}

const BYTES_PER_FLOAT = 4;
const OPTIMIZER_SLOTS = { adam: 2, sgd: 0 } as const;

export function estimateTrainingMemory(
  spec: ModelSpec,
  opts: TrainingMemoryOptions,
): TrainingMemoryEstimate {
  const params = countParams(spec);
  const shapes = inferShapes(spec);
  let activationElementsPerExample = 0;
  const unknownShapes: string[] = [];
  for (const layer of spec.layers) {
    const shape = shapes.get(layer.name);
    if (shape) activationElementsPerExample += shape.reduce((a, b) => a * b, 1);
    else unknownShapes.push(layer.name);
  }
  const weightBytes = params * BYTES_PER_FLOAT;
  const breakdown = {
    params,
    weightBytes,
    gradientBytes: weightBytes,
    optimizerBytes: weightBytes * OPTIMIZER_SLOTS[opts.optimizer ?? 'adam'],
    activationElementsPerExample,
    activationBytes: activationElementsPerExample * opts.batch * BYTES_PER_FLOAT,
  };
  const bytes =
    breakdown.weightBytes +
    breakdown.gradientBytes +
    breakdown.optimizerBytes +
    breakdown.activationBytes;
  return { bytes, breakdown, unknownShapes };
}

/** Above this share of the budget the run is allowed but the UI says it is close. */
export const MEMORY_WARNING_SHARE = 0.8;

export interface MemoryBudgetCheck {
  ok: boolean;
  warning?: string;
}

/** `ok` false above the budget; a warning (with `ok` true) above 80% of it. */
export function checkMemoryBudget(
  estimate: TrainingMemoryEstimate,
  budgetBytes: number,
): MemoryBudgetCheck {
  const { bytes, breakdown: b } = estimate;
  const parts = `weights, gradients and optimizer state ${formatMiB(b.weightBytes + b.gradientBytes + b.optimizerBytes)}, activations ${formatMiB(b.activationBytes)}`;
  if (bytes > budgetBytes) {
    return {
      ok: false,
      warning: `Training needs about ${formatMiB(bytes)} (${parts}), more than the ${formatMiB(budgetBytes)} available; lower the batch size or use a smaller model.`,
    };
  }
  if (bytes > budgetBytes * MEMORY_WARNING_SHARE) {
    return {
      ok: true,
      warning: `Training needs about ${formatMiB(bytes)} (${parts}), close to the ${formatMiB(budgetBytes)} available; the run may fail if other tabs need memory.`,
    };
  }
  return { ok: true };
}
