import { KERAS_CLASS, layerDescriptor } from '../layers/registry';
import { inferShapes } from '../graph/shape-inference';
import { countParams, type ModelSpec } from '../model/spec';
import { formatMiB } from './file-limits';

const KIB = 1024;

/** MiB for real models; KiB below 1 MiB, so that tiny test models read sensibly. */
function formatMemory(sizeBytes: number): string {
  return sizeBytes < KIB * KIB ? `${(sizeBytes / KIB).toFixed(1)} KiB` : formatMiB(sizeBytes);
}

/**
 * The memory plan of a compress run, before it starts: the peak tensor bytes of each phase,
 * from the model's layer output sizes and the settings. Each phase is `fixedBytes + batch ×
 * perExampleBytes`, so the largest batch that fits a budget follows directly.
 *
 * The factors are calibrated against tfjs' own byte count at the peak of real steps on the
 * wasm backend (`memory-calibration.test.ts`, docs/robustness.md): a training step holds every
 * intermediate of the forward pass for the backward one — ≈ 6.2 values per layer output value
 * (a Conv–BN–ReLU unit runs ~8 ops, BN's gradient keeps x̂) and ≈ 13.2 for a depthwise output
 * (its wasm gradient kernels build extra tensors); gradients and Adam's flat copy add 2 ×
 * the weights. An evaluation forward keeps ≈ 1.33 (depthwise ≈ 4.1) values per output value
 * until it ends. QAT adds ≈ 1.6 values per output value (fake-quant intermediates) and two
 * fake-quantized copies of the weights. Flatten and Reshape outputs share their input's memory.
 */
export type MemoryPhase = 'prune' | 'fine-tune' | 'qat' | 'ptq' | 'evaluate' | 'export';

export interface MemoryPlanRequest {
  spec: ModelSpec;
  batchSize: number;
  budgetBytes: number;
  optimizer?: 'adam' | 'sgd';
  /** A teacher copy of the model (distillation, unlabelled data). */
  distill?: boolean;
  /** Weight or activation bits below 32. */
  quantize?: boolean;
  /** 0 = PTQ (calibration forwards only). */
  qatSteps?: number;
}

export interface PhaseMemory {
  phase: MemoryPhase;
  bytes: number;
  fixedBytes: number;
  perExampleBytes: number;
}

export interface MemoryPlan {
  phases: PhaseMemory[];
  peakBytes: number;
  peakPhase: MemoryPhase;
  budgetBytes: number;
  fits: boolean;
  /** Largest training batch (≤ MAX_PLAN_BATCH) whose every phase fits; 0 when even 1 does not. */
  largestBatch: number;
  /** Examples per evaluation forward (see evalBatchSize). */
  evalBatch: number;
  /** Why a run is refused and what would fit; null when it fits. */
  refusal: string | null;
}

const FLOAT_BYTES = 4;
export const TRAIN_VALUES_PER_OUTPUT = 6.2;
export const DEPTHWISE_TRAIN_VALUES_PER_OUTPUT = 13.2;
export const EVAL_VALUES_PER_OUTPUT = 1.33;
export const DEPTHWISE_EVAL_VALUES_PER_OUTPUT = 4.1;
export const QAT_EXTRA_VALUES_PER_OUTPUT = 1.6;
export const MAX_PLAN_BATCH = 1024;
/** One evaluation batch (two forwards alive at once: the surgery check) stays under this. */
export const EVAL_CHUNK_BYTES = 128 * 1024 * 1024;
export const MAX_EVAL_BATCH = 256;

interface OutputValues {
  /** Per example: Σ output values × the phase's factor. */
  train: number;
  eval: number;
  plain: number;
}

function outputValues(spec: ModelSpec): OutputValues {
  const shapes = inferShapes(spec);
  const totals = { train: 0, eval: 0, plain: 0 };
  for (const layer of spec.layers) {
    const shape = shapes.get(layer.name);
    if (!shape || layerDescriptor(layer.className)?.view) continue;
    const values = shape.reduce((a, b) => a * b, 1);
    const depthwise = layer.className === KERAS_CLASS.DepthwiseConv2D;
    const input = layer.className === KERAS_CLASS.InputLayer;
    totals.plain += values;
    totals.train +=
      values *
      (input ? 1 : depthwise ? DEPTHWISE_TRAIN_VALUES_PER_OUTPUT : TRAIN_VALUES_PER_OUTPUT);
    totals.eval +=
      values * (input ? 1 : depthwise ? DEPTHWISE_EVAL_VALUES_PER_OUTPUT : EVAL_VALUES_PER_OUTPUT);
  }
  return totals;
}

/** Examples per evaluation forward for this model: two forwards of one batch fit EVAL_CHUNK_BYTES. */
export function evalBatchSize(spec: ModelSpec): number {
  const perExample = 2 * outputValues(spec).eval * FLOAT_BYTES;
  return Math.max(1, Math.min(MAX_EVAL_BATCH, Math.floor(EVAL_CHUNK_BYTES / perExample)));
}

function phaseModels(request: MemoryPlanRequest): Omit<PhaseMemory, 'bytes'>[] {
  const weights = countParams(request.spec) * FLOAT_BYTES;
  const values = outputValues(request.spec);
  const slots = (request.optimizer ?? 'adam') === 'adam' ? 2 : 0;
  const teacher = request.distill ? weights : 0;
  // Weights, optimizer slots, the teacher copy, then gradients and Adam's flat gradient vector.
  const training = {
    fixedBytes: weights * (1 + slots) + teacher + 2 * weights,
    perExampleBytes: values.train * FLOAT_BYTES,
  };
  const phases: Omit<PhaseMemory, 'bytes'>[] = [
    { phase: 'prune', ...training },
    { phase: 'fine-tune', ...training },
  ];
  if (request.quantize && (request.qatSteps ?? 1) > 0) {
    phases.push({
      phase: 'qat',
      fixedBytes: training.fixedBytes + 2 * weights,
      perExampleBytes: (values.train + values.plain * QAT_EXTRA_VALUES_PER_OUTPUT) * FLOAT_BYTES,
    });
  } else if (request.quantize) {
    phases.push({
      phase: 'ptq',
      fixedBytes: 2 * weights + teacher,
      perExampleBytes: values.eval * FLOAT_BYTES,
    });
  }
  const evalBatch = evalBatchSize(request.spec);
  phases.push({
    phase: 'evaluate',
    fixedBytes: 2 * weights + teacher + evalBatch * 2 * values.eval * FLOAT_BYTES,
    perExampleBytes: 0,
  });
  phases.push({ phase: 'export', fixedBytes: 3 * weights, perExampleBytes: 0 });
  return phases;
}

function largestBatchFor(phases: Omit<PhaseMemory, 'bytes'>[], budgetBytes: number): number {
  let largest = MAX_PLAN_BATCH;
  for (const p of phases) {
    if (p.fixedBytes > budgetBytes) return 0;
    if (p.perExampleBytes > 0)
      largest = Math.min(largest, Math.floor((budgetBytes - p.fixedBytes) / p.perExampleBytes));
  }
  return Math.max(0, largest);
}

export function planMemory(request: MemoryPlanRequest): MemoryPlan {
  const models = phaseModels(request);
  const phases = models.map((p) => ({
    ...p,
    bytes: Math.round(p.fixedBytes + request.batchSize * p.perExampleBytes),
  }));
  const peak = phases.reduce((a, b) => (b.bytes > a.bytes ? b : a));
  const largestBatch = largestBatchFor(models, request.budgetBytes);
  const fits = peak.bytes <= request.budgetBytes;
  const plan = {
    phases,
    peakBytes: peak.bytes,
    peakPhase: peak.phase,
    budgetBytes: request.budgetBytes,
    fits,
    largestBatch,
    evalBatch: evalBatchSize(request.spec),
  };
  return { ...plan, refusal: fits ? null : refusalMessage(request, plan) };
}

function refusalMessage(request: MemoryPlanRequest, plan: Omit<MemoryPlan, 'refusal'>): string {
  const head = `At batch ${request.batchSize} the ${plan.peakPhase} phase needs about ${formatMemory(plan.peakBytes)}, more than the ${formatMemory(plan.budgetBytes)} memory budget`;
  const options: string[] = [];
  if (plan.largestBatch > 0) options.push(`batch ${plan.largestBatch} fits`);
  if (plan.peakPhase === 'qat') {
    const ptq = planMemory({ ...request, qatSteps: 0 });
    if (ptq.fits) options.push(`PTQ (0 QAT steps) fits at batch ${request.batchSize}`);
  }
  if (options.length === 0)
    return `${head}; even batch 1 does not fit: use a smaller model or a larger budget.`;
  return `${head}; ${options.join(', or ')}.`;
}
