import { augmentedSource, canAugment, DIGIT_AUGMENT } from '../data/augmented-source';
import type { DataSource } from '../data/source';
import { cosineDecay } from '../train/lr-schedule';
import { throwIfAborted } from '../errors';
import { ModelExecutor } from '../exec/executor';
import { buildChannelGraph } from '../graph/channel-graph';
import { evalBatchSize } from '../limits/memory-plan';
import type { ChannelGraph } from '../graph/types';
import type { ModelSpec } from '../model/spec';
import type { GroupTraceEvent } from '../prune/schedule-trace';
import { createSchedule, type Schedule } from '../prune/schedules';
import { applyPruningPlan } from '../surgery/apply-plan';
import { BatchIterator } from '../train/batches';
import type { ProgressEvent } from '../train/progress';
import { runTrainingLoop } from '../train/run-loop';
import type { CriterionId } from '../prune/criteria/catalog';
import {
  compressQuantConfig,
  DEFAULT_QAT_STEPS,
  methodPlan,
  resolveCompressConfig,
  scheduledGroupIds,
  type CompressConfig,
} from './compress-config';
import {
  compareOutputs,
  snapshot,
  type ModelSnapshot,
  type Predict,
  type SurgeryCheck,
} from './compress-evaluation';
import { PruningRun, type GroupScoresEvent, type StepHookInfo } from './pruning-run';
import { checkClassesMatch } from './task-check';
import { runQuantizeStage, type QuantizeStageResult } from './quantize-stage';

/**
 * Prune a model with one of the paper's schedules while it keeps training, then remove the
 * pruned channels physically. The input spec is never modified; on cancellation (LabError
 * CANCELLED) every tensor the run created is disposed.
 */
export interface CompressRequest {
  spec: ModelSpec;
  source: DataSource;
  config: Partial<CompressConfig>;
  signal?: AbortSignal;
  onProgress?: (e: ProgressEvent) => void;
  /** Per-group phase changes, for the UI's timeline. */
  onTrace?: (e: GroupTraceEvent) => void;
  /** Masks and observed layers of every training step (instrumentation). */
  onStep?: (info: StepHookInfo) => void;
  /** Each mask recompute: the scores it ranked and the channels it keeps (the network view). */
  onScores?: (e: GroupScoresEvent) => void;
  /** Called as each stage starts ('evaluate-before', 'prune:<method>', 'fine-tune', …). */
  onPhase?: (phase: string) => void;
}

export interface GroupResult {
  id: string;
  total: number;
  kept: number;
  keptChannels: number[];
  /** Training steps whose activations fed this group's importance (0: data-free importance). */
  statsSteps: number;
}

export interface CompressReport {
  config: CompressConfig;
  /** The criterion that ranked the channels: the method's own, else `config.importance`. */
  importance: CriterionId;
  before: ModelSnapshot;
  after: ModelSnapshot;
  groups: GroupResult[];
  steps: { pruning: number; finetune: number; total: number };
  timings: { totalMs: number; perPhase: Record<string, number> };
  trace: GroupTraceEvent[];
  surgeryCheck: SurgeryCheck;
  /** What the run did differently from what was asked (e.g. L0 off ReLU outputs). */
  notes: string[];
}

export interface CompressResult {
  /** The pruned float model (before any QAT). */
  spec: ModelSpec;
  report: CompressReport;
  /** Present when wbits/abits ask for quantization: QAT (or PTQ) of the pruned model. */
  quantization?: QuantizeStageResult;
}

export type { ModelSnapshot } from './compress-evaluation';

type Timed = <T>(phase: string, work: () => Promise<T> | T) => Promise<T>;

function phaseTimer(perPhase: Record<string, number>, onPhase?: (phase: string) => void): Timed {
  return async (phase, work) => {
    onPhase?.(phase);
    const t0 = performance.now();
    const result = await work();
    perPhase[phase] = (perPhase[phase] ?? 0) + performance.now() - t0;
    return result;
  };
}

function scheduleFor(graph: ChannelGraph, config: CompressConfig): Schedule {
  return createSchedule({
    kind: methodPlan(config).schedule,
    groupIds: scheduledGroupIds(graph, config),
    statsSteps: config.statsSteps,
    refreshSteps: config.refreshSteps,
    start0: config.start0,
    finetuneSteps: config.finetuneSteps,
  });
}

/** Trains through the schedule (pruning phase, then fine-tuning) and applies the final masks. */
async function trainThroughSchedule(
  run: PruningRun,
  schedule: Schedule,
  request: CompressRequest,
  config: CompressConfig,
  timed: Timed,
): Promise<void> {
  const batches = new BatchIterator(request.source, 'train', config.batchSize, config.seed);
  const loop = (phase: string, offset: number, steps: number, anneal: boolean) =>
    timed(phase, () =>
      runTrainingLoop({
        steps,
        learningRateAt: (i) =>
          anneal ? cosineDecay(config.learningRate, i, steps) : config.learningRate,
        batchIterator: batches,
        trainer: run.trainer,
        hooksForStep: (i) => run.hooksAt(offset + i),
        onProgress: (e) => request.onProgress?.(e),
        signal: request.signal,
        phase,
        unitForStep: (i) => schedule.at(offset + i).activeGroup,
      }),
    );
  await loop(`prune:${config.method}`, 0, schedule.pruningEndStep, false);
  await loop('fine-tune', schedule.pruningEndStep, config.finetuneSteps, true);
  await run.hooksAt(schedule.totalSteps); // recomputes due after the last step (one-shot without fine-tuning)
}

/** Scores the pruned model and checks it against the masked one it came from. */
async function evaluatePruned(
  run: PruningRun,
  pruned: ModelSpec,
  source: DataSource,
  config: CompressConfig,
  timed: Timed,
): Promise<{ after: ModelSnapshot; surgeryCheck: SurgeryCheck }> {
  const exec = new ModelExecutor(pruned, { bnMode: config.bnMode });
  try {
    const predict: Predict = (x) => exec.forward(x, { training: false });
    const after = await timed('evaluate-after', () =>
      snapshot(pruned, predict, source, config, run.teacherPredict),
    );
    const masked: Predict = (x) => run.executor.forward(x, { training: false, ...run.evalHooks() });
    const batch = evalBatchSize(run.executor.spec);
    return { after, surgeryCheck: await compareOutputs(masked, predict, source, batch) };
  } finally {
    exec.dispose();
  }
}

function groupResults(run: PruningRun, graph: ChannelGraph, schedule: Schedule): GroupResult[] {
  return graph.groups
    .filter((g) => schedule.config.groupIds.includes(g.id))
    .map((g) => {
      const keptChannels =
        run.masks.keptOf(g.id) ?? Array.from({ length: g.channels }, (_, i) => i);
      return {
        id: g.id,
        total: g.channels,
        kept: keptChannels.length,
        keptChannels,
        statsSteps: run.statsStepsOf(g.id),
      };
    });
}

export async function compress(input: CompressRequest): Promise<CompressResult> {
  const config = resolveCompressConfig(input.config);
  checkClassesMatch(input.spec, input.source);
  const request = { ...input, source: trainingSource(input.source, config) };
  const { spec, source } = request;
  const graph = buildChannelGraph(spec);
  const schedule = scheduleFor(graph, config);
  const perPhase: Record<string, number> = {};
  const timed = phaseTimer(perPhase, request.onPhase);
  const started = performance.now();
  throwIfAborted(request.signal);
  const run = new PruningRun(spec, graph, source, config, schedule, request);
  try {
    const dense: Predict = (x) => run.executor.forward(x, { training: false });
    const before = await timed('evaluate-before', () =>
      snapshot(spec, dense, source, config, run.teacherPredict),
    );
    await trainThroughSchedule(run, schedule, request, config, timed);
    const pruned = await timed('surgery', async () =>
      applyPruningPlan(await run.executor.toSpec(), graph, run.masks.plan()),
    );
    const { after, surgeryCheck } = await evaluatePruned(run, pruned, source, config, timed);
    const report: CompressReport = {
      config,
      importance: run.method.importance,
      before,
      after,
      groups: groupResults(run, graph, schedule),
      steps: {
        pruning: schedule.pruningEndStep,
        finetune: config.finetuneSteps,
        total: schedule.totalSteps,
      },
      timings: { totalMs: performance.now() - started, perPhase },
      trace: run.trace,
      surgeryCheck,
      notes: run.notes,
    };
    const quantization = await quantizePruned(pruned, after, run, request, config, timed);
    report.timings.totalMs = performance.now() - started;
    return { spec: pruned, report, ...(quantization ? { quantization } : {}) };
  } finally {
    run.dispose();
  }
}

/** The request's source, augmented for training when the config asks and the data allows. */
function trainingSource(source: DataSource, config: CompressConfig): DataSource {
  return config.augment && canAugment(source)
    ? augmentedSource(source, DIGIT_AUGMENT, config.seed + 13)
    : source;
}

/** QAT (or PTQ with qatSteps 0) on the physically pruned spec: smaller, and its masks are final. */
async function quantizePruned(
  pruned: ModelSpec,
  after: ModelSnapshot,
  run: PruningRun,
  request: CompressRequest,
  config: CompressConfig,
  timed: Timed,
): Promise<QuantizeStageResult | undefined> {
  const quant = compressQuantConfig(config);
  if (!quant) return undefined;
  return timed('quantize', () =>
    runQuantizeStage({
      spec: pruned,
      source: request.source,
      quant,
      qatSteps: config.qatSteps ?? DEFAULT_QAT_STEPS,
      learningRate: config.learningRate,
      batchSize: config.batchSize,
      seed: config.seed,
      optimizer: config.optimizer,
      bnMode: config.bnMode,
      evalLimit: config.evalLimit,
      before: after,
      reference: run.teacherPredict,
      distill: config.distill,
      signal: request.signal,
      onProgress: request.onProgress,
    }),
  );
}
