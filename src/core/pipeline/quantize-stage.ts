/**
 * The quantization stage (method.md §5): QAT (fine-tuning through fake-quantized weights and
 * activations, with delays before each switches on) or PTQ (activation statistics from
 * calibration batches, no training). It runs on a plain spec; compress hands it the
 * PHYSICALLY PRUNED spec (smaller, so faster than the masked net, and its masks are frozen by
 * construction: the pruned channels no longer exist).
 *
 * The result's spec holds the float "shadow" weights; the quantized model is
 * quantizeSpecWeights(spec) plus the activation ranges (fakeQuantWeight and the PTQ grid are
 * bit-identical, so the exports reproduce exactly the weights that were evaluated).
 */
import { cosineDecay } from '../train/lr-schedule';
import type { DataSource } from '../data/source';
import { LabError, throwIfAborted } from '../errors';
import { ModelExecutor } from '../exec/executor';
import type { ModelSpec } from '../model/spec';
import { validateQuantConfig, type QuantConfig } from '../quant/quant-plan';
import type { ActivationRange } from '../quant/quantize-math';
import { BatchIterator } from '../train/batches';
import type { ProgressEvent } from '../train/progress';
import { runTrainingLoop } from '../train/run-loop';
import { Trainer, type LossKind } from '../train/trainer';
import { resolveCompressConfig, type CompressConfig } from './compress-config';
import { snapshot, type ModelSnapshot, type Predict } from './compress-evaluation';
import { QuantHooks } from './quant-hooks';

export interface QuantizeStageOptions {
  spec: ModelSpec;
  source: DataSource;
  quant: QuantConfig;
  /** QAT steps; 0 = PTQ. */
  qatSteps: number;
  /** Default round(0.25·qatSteps) (the reference waits half an epoch; CPU budgets are smaller). */
  weightDelaySteps?: number;
  /** Default round(0.05·qatSteps) (reference: 0.05 epoch). */
  activationDelaySteps?: number;
  /** PTQ: batches whose activation min/max are averaged. Default 8. */
  calibrationBatches?: number;
  learningRate?: number;
  batchSize?: number;
  seed?: number;
  optimizer?: 'adam' | 'sgd';
  bnMode?: 'frozen' | 'batch';
  evalLimit?: number;
  /** The float metric when the caller has it already (compress's pruned metric). */
  before?: ModelSnapshot;
  /** Unlabelled data: the original model, whose predictions are the target and the reference. */
  reference?: Predict;
  /** Classification: train against `reference`'s probabilities instead of the labels. */
  distill?: boolean;
  signal?: AbortSignal;
  onProgress?: (e: ProgressEvent) => void;
}

export interface QuantizeStageResult {
  /** Float weights after QAT (the input's for PTQ); quantizeSpecWeights(spec) is the model. */
  spec: ModelSpec;
  quant: QuantConfig;
  mode: 'qat' | 'ptq';
  steps: {
    qat: number;
    weightDelay: number;
    activationDelay: number;
    calibrationBatches: number;
  };
  /** Layers whose outputs are activation-quantized, with their final lo/hi. */
  activationRanges: Record<string, ActivationRange>;
  metrics: {
    /** Float model (the stage's input). */
    before: ModelSnapshot;
    /** Weights AND activations fake-quantized: what the lab claims. */
    quantized: ModelSnapshot;
    /** Weights fake-quantized only: what a stock tfjs model can express. */
    weightOnly: ModelSnapshot;
  };
  timings: Record<string, number>;
}

export const DEFAULT_CALIBRATION_BATCHES = 8;

export function defaultDelays(qatSteps: number): { weight: number; activation: number } {
  return { weight: Math.round(0.25 * qatSteps), activation: Math.round(0.05 * qatSteps) };
}

function lossFor(source: DataSource, distill: boolean): LossKind {
  if (source.task === 'classification') return distill ? 'distillation' : 'cross-entropy';
  if (source.task === 'image-to-image') return 'mse';
  return 'distillation';
}

interface Resolved {
  eval: CompressConfig;
  qatSteps: number;
  weightDelay: number;
  activationDelay: number;
  calibrationBatches: number;
}

function resolve(opts: QuantizeStageOptions): Resolved {
  validateQuantConfig(opts.quant);
  const given: Partial<CompressConfig> = {
    evalLimit: opts.evalLimit,
    learningRate: opts.learningRate,
    batchSize: opts.batchSize,
    seed: opts.seed,
    optimizer: opts.optimizer,
    bnMode: opts.bnMode,
  };
  // Absent options must not override the defaults with undefined.
  const evalConfig = resolveCompressConfig(
    Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)),
  );
  const qatSteps = Math.max(0, Math.round(opts.qatSteps));
  const delays = defaultDelays(qatSteps);
  return {
    eval: evalConfig,
    qatSteps,
    weightDelay: opts.weightDelaySteps ?? delays.weight,
    activationDelay: opts.activationDelaySteps ?? delays.activation,
    calibrationBatches: opts.calibrationBatches ?? DEFAULT_CALIBRATION_BATCHES,
  };
}

async function timedPhase<T>(
  timings: Record<string, number>,
  phase: string,
  work: () => Promise<T> | T,
): Promise<T> {
  const t0 = performance.now();
  const result = await work();
  timings[phase] = (timings[phase] ?? 0) + performance.now() - t0;
  return result;
}

export async function runQuantizeStage(opts: QuantizeStageOptions): Promise<QuantizeStageResult> {
  const r = resolve(opts);
  const timings: Record<string, number> = {};
  throwIfAborted(opts.signal);
  const executor = new ModelExecutor(opts.spec, { bnMode: r.eval.bnMode, seed: r.eval.seed });
  const hooks = new QuantHooks(opts.spec, opts.quant, {
    weightDelaySteps: r.weightDelay,
    activationDelaySteps: r.activationDelay,
  });
  // Unlabelled data: a frozen copy of the input model is the target and the reference.
  const teacher =
    opts.source.task === 'unlabelled' && !opts.reference
      ? new ModelExecutor(opts.spec, { bnMode: r.eval.bnMode })
      : undefined;
  try {
    const floatPredict: Predict = (x) => executor.forward(x, { training: false });
    const reference: Predict =
      opts.reference ?? (teacher ? (x) => teacher.forward(x, { training: false }) : floatPredict);
    const stageOpts = { ...opts, reference };
    const before =
      opts.before ??
      (await timedPhase(timings, 'evaluate-float', () =>
        snapshot(opts.spec, floatPredict, opts.source, r.eval, reference),
      ));
    if (r.qatSteps > 0) {
      await timedPhase(timings, 'qat', () => trainQat(executor, hooks, stageOpts, r));
    } else {
      await timedCalibrate(executor, hooks, opts, r, timings);
    }
    await hooks.flush();
    checkActivationRanges(hooks.ranges, opts.spec.name);
    const spec = r.qatSteps > 0 ? await executor.toSpec() : opts.spec;
    const predictWith =
      (activations: boolean): Predict =>
      (x) =>
        executor.forward(x, { training: false, ...hooks.evaluation({}, activations) });
    const quantized = await timedPhase(timings, 'evaluate-quantized', () =>
      snapshot(spec, predictWith(true), opts.source, r.eval, reference),
    );
    const weightOnly = await timedPhase(timings, 'evaluate-weight-only', () =>
      snapshot(spec, predictWith(false), opts.source, r.eval, reference),
    );
    return {
      spec,
      quant: { ...opts.quant },
      mode: r.qatSteps > 0 ? 'qat' : 'ptq',
      steps: stepSummary(r),
      activationRanges: hooks.ranges,
      metrics: { before, quantized, weightOnly },
      timings,
    };
  } finally {
    hooks.dispose();
    executor.dispose();
    teacher?.dispose();
  }
}

/**
 * A NaN or infinite activation bound means the model overflows float32 on real data (finite
 * but huge weights); quantizing with it would compute NaN everywhere, so the stage stops.
 */
function checkActivationRanges(ranges: Record<string, ActivationRange>, modelName: string): void {
  for (const [layer, range] of Object.entries(ranges)) {
    if (Number.isFinite(range.lo) && Number.isFinite(range.hi)) continue;
    throw new LabError(
      'INVALID_MODEL',
      `Layer "${layer}" of model "${modelName}" produces NaN or infinite activations (observed range ${range.lo} … ${range.hi}); its weights overflow float32, so it cannot be quantized.`,
    );
  }
}

function stepSummary(r: Resolved): QuantizeStageResult['steps'] {
  const qat = r.qatSteps > 0;
  return {
    qat: r.qatSteps,
    weightDelay: qat ? r.weightDelay : 0,
    activationDelay: qat ? r.activationDelay : 0,
    calibrationBatches: qat ? 0 : r.calibrationBatches,
  };
}

async function trainQat(
  executor: ModelExecutor,
  hooks: QuantHooks,
  opts: QuantizeStageOptions,
  r: Resolved,
): Promise<void> {
  const loss = lossFor(opts.source, !!opts.distill && !!opts.reference);
  const reference = opts.reference;
  const trainer = new Trainer(executor, {
    optimizer: r.eval.optimizer,
    learningRate: r.eval.learningRate,
    loss,
    teacher: loss === 'distillation' ? reference : undefined,
  });
  try {
    await runTrainingLoop({
      steps: r.qatSteps,
      batchIterator: new BatchIterator(opts.source, 'train', r.eval.batchSize, r.eval.seed + 7),
      trainer,
      learningRateAt: (step) => cosineDecay(r.eval.learningRate, step, r.qatSteps),
      // The previous step's observations are read here: one small awaited read per step.
      hooksForStep: async (step) => {
        await hooks.flush();
        return hooks.training(step);
      },
      onProgress: (e) => opts.onProgress?.(e),
      signal: opts.signal,
      phase: 'qat',
    });
  } finally {
    trainer.dispose();
  }
}

async function timedCalibrate(
  executor: ModelExecutor,
  hooks: QuantHooks,
  opts: QuantizeStageOptions,
  r: Resolved,
  timings: Record<string, number>,
): Promise<void> {
  const t0 = performance.now();
  const batches = new BatchIterator(opts.source, 'train', r.eval.batchSize, r.eval.seed + 11);
  for (let i = 0; i < r.calibrationBatches; i++) {
    throwIfAborted(opts.signal);
    const batch = batches.next();
    try {
      executor.forward(batch.x, { training: false, ...hooks.calibration() }).dispose();
    } finally {
      batch.x.dispose();
      batch.y?.dispose();
    }
  }
  await hooks.flush();
  timings.calibrate = performance.now() - t0;
}
