import type * as tf from '@tensorflow/tfjs';
import type { DataSource } from '../data/source';
import type { ForwardOptions } from '../exec/executor';
import { ModelExecutor } from '../exec/executor';
import type { ChannelGraph } from '../graph/types';
import type { ModelSpec } from '../model/spec';
import { createScorer } from '../prune/criteria/registry';
import type { ImportanceScorer } from '../prune/criteria/types';
import { memberCombineFor } from '../prune/group-order';
import { MaskState } from '../prune/mask-state';
import { ScheduleTracer, type GroupTraceEvent } from '../prune/schedule-trace';
import type { Schedule, StepPlan } from '../prune/schedules';
import { keptChannelsAtSparsity } from '../prune/top-k';
import { Trainer, type LossKind } from '../train/trainer';
import { groupSparsity, methodPlan, type CompressConfig, type MethodPlan } from './compress-config';

/** What one step's hooks did: masks in force and layers observed (for tests and the UI). */
export interface StepHookInfo {
  step: number;
  plan: StepPlan;
  /** Every layer whose output is multiplied by a mask during this step. */
  maskedLayers: string[];
  /** Measurement layers whose (unmasked) activations feed the statistics this step. */
  observedLayers: string[];
}

export type Hooks = Omit<ForwardOptions, 'training'>;

/** A group's mask was recomputed: the importance it used and the channels it keeps (for the UI). */
export interface GroupScoresEvent {
  groupId: string;
  step: number;
  /** Importance per channel (the group's summed score), original channel numbering. */
  scores: number[];
  /** Kept channel indices, ascending. */
  keptChannels: number[];
}

function lossFor(source: DataSource, distill: boolean): LossKind {
  if (source.task === 'classification') return distill ? 'distillation' : 'cross-entropy';
  if (source.task === 'image-to-image') return 'mse';
  return 'distillation';
}

/**
 * The live state of one compress run: the executor being trained, its optimizer, the masks
 * in force and the activation statistics. Everything here owns tensors; dispose() frees all.
 */
export class PruningRun {
  readonly executor: ModelExecutor;
  readonly trainer: Trainer;
  readonly masks: MaskState;
  readonly method: MethodPlan;
  private readonly teacher?: ModelExecutor;
  /** The importance criterion's state (prune/criteria/): statistics, or none if data-free. */
  private readonly scorer: ImportanceScorer;
  private readonly tracer: ScheduleTracer;
  readonly trace: GroupTraceEvent[] = [];
  /** What the run did differently from what was asked (e.g. L0 off ReLU outputs), for the report. */
  readonly notes: string[] = [];

  constructor(
    spec: ModelSpec,
    graph: ChannelGraph,
    source: DataSource,
    private readonly config: CompressConfig,
    private readonly schedule: Schedule,
    private readonly listeners: {
      onTrace?: (e: GroupTraceEvent) => void;
      onStep?: (info: StepHookInfo) => void;
      onScores?: (e: GroupScoresEvent) => void;
    } = {},
  ) {
    this.method = methodPlan(config);
    this.executor = new ModelExecutor(spec, { bnMode: config.bnMode, seed: config.seed });
    const loss = lossFor(source, config.distill);
    if (loss === 'distillation') this.teacher = new ModelExecutor(spec, { bnMode: config.bnMode });
    const teacher = this.teacher;
    this.trainer = new Trainer(this.executor, {
      optimizer: config.optimizer,
      learningRate: config.learningRate,
      loss,
      teacher: teacher && ((x) => teacher.forward(x, { training: false })),
    });
    this.masks = new MaskState(spec, graph);
    this.scorer = createScorer(this.method.importance, {
      spec,
      graph,
      scheduledGroupIds: schedule.config.groupIds,
      combine: memberCombineFor(config.coupledGroups),
      seed: config.seed,
    });
    this.notes.push(...this.scorer.notes);
    this.tracer = new ScheduleTracer(schedule.config.groupIds);
  }

  /** Applies step `step`'s recomputes, then returns the forward hooks for its training step. */
  async hooksAt(step: number): Promise<Hooks> {
    const plan = this.schedule.at(step);
    for (const e of this.tracer.advance(plan)) {
      this.trace.push(e);
      this.listeners.onTrace?.(e);
    }
    if (plan.recompute.length) await this.recompute(plan);
    const layerMasks = this.masks.layerMasks();
    const observed = plan.collect.length ? this.scorer.layersOf(plan.collect) : new Set<string>();
    // The executor masks before hooks see a layer; a group still measuring under its own mask
    // must be observed unmasked (as the reference does), so the scorer's tap applies its mask.
    const direct = new Map<string, tf.Tensor1D>();
    const deferred = new Map<string, tf.Tensor1D>();
    for (const [layer, mask] of layerMasks)
      (observed.has(layer) ? deferred : direct).set(layer, mask);
    this.listeners.onStep?.({
      step,
      plan,
      maskedLayers: [...layerMasks.keys()],
      observedLayers: [...observed],
    });
    const hooks: Hooks = { masks: direct };
    if (observed.size)
      hooks.transformOutput = (layer, x) =>
        observed.has(layer) ? this.scorer.tap(layer, x, deferred.get(layer)) : x;
    return hooks;
  }

  /** The original model's prediction when it is the distillation teacher (unlabelled data, or distill). */
  get teacherPredict(): ((x: tf.Tensor) => tf.Tensor) | undefined {
    const teacher = this.teacher;
    return teacher && ((x) => teacher.forward(x, { training: false }));
  }

  /** Hooks for evaluation: the masks in force, nothing observed. */
  evalHooks(): Hooks {
    return { masks: this.masks.layerMasks() };
  }

  /** Steps of statistics a group has seen (0 for data-free importance). */
  statsStepsOf(groupId: string): number {
    return this.scorer.stepsObserved(groupId);
  }

  private async recompute(plan: StepPlan): Promise<void> {
    const scores = await this.scoresFor(plan.recompute);
    for (const id of plan.recompute) {
      const sparsity = groupSparsity(this.config, id) * plan.sparsityFraction;
      const keptChannels = keptChannelsAtSparsity(scores[id], sparsity);
      this.masks.setKept(id, keptChannels);
      this.listeners.onScores?.({
        groupId: id,
        step: plan.step,
        scores: Array.from(scores[id]),
        keptChannels,
      });
    }
  }

  private scoresFor(groupIds: string[]): Promise<Record<string, Float32Array>> {
    return this.scorer.groupScores(groupIds, () => this.executor.toSpec());
  }

  dispose(): void {
    this.trainer.dispose();
    this.executor.dispose();
    this.teacher?.dispose();
    this.scorer.dispose();
    this.masks.dispose();
  }
}
