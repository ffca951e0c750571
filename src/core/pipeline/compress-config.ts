import { LabError } from '../errors';
import { checkScheduleLimits } from '../limits/schedule-limits';
import type { ChannelGraph } from '../graph/types';
import {
  COUPLED_GROUP_TIMINGS,
  orderGroupsForSchedule,
  type CoupledGroupTiming,
} from '../prune/group-order';
import { criterionChoices, isCriterionId, type CriterionId } from '../prune/criteria/catalog';
import type { ScheduleKind } from '../prune/schedules';
import { FLOAT_BITS, validateQuantConfig, type QuantConfig } from '../quant/quant-plan';

/**
 * What `compress` runs. Defaults are CPU-sized for the MNIST demos (I = 20, r = 5,
 * start_0 = 0, batch 64, 800 fine-tune steps ≈ 6 epochs of the 8,000 training digits, then
 * 200 QAT steps, Adam 3e-3 annealed). The paper's reference values on CIFAR-100 at batch 128
 * (391 steps per epoch) are I = 49, r = 10, start_0 = 196. Measured on mnist-cnn at 75 %, W8A8
 * (docs/data.md): 100 + 100 steps at 1e-3 end at 0.9725 (a 32-channel conv1), 800 + 200 at 3e-3
 * at 0.9850 on the shipped model.
 */
export type CompressMethod =
  | 'layerwise'
  | 'oneshot'
  | 'oneshot-early'
  | 'stepwise'
  | 'weight-l1-layerwise'
  | 'weight-l1-oneshot'
  | 'random';

export const COMPRESS_METHODS: readonly CompressMethod[] = [
  'layerwise',
  'oneshot',
  'oneshot-early',
  'stepwise',
  'weight-l1-layerwise',
  'weight-l1-oneshot',
  'random',
];

export type OptimizerName = 'sgd' | 'adam';

export interface CompressConfig {
  method: CompressMethod;
  /**
   * Importance criterion (prune/criteria/catalog.ts) for 'layerwise', 'oneshot' and
   * 'oneshot-early'; the other methods fix their own (METHOD_PLANS).
   */
  importance: CriterionId;
  /** Target channel sparsity of every prunable group, in [0, 1). */
  sparsity: number;
  /** Per-group sparsity (group id → s), overriding `sparsity`. */
  overrides?: Record<string, number>;
  /** Group ids left dense. */
  skip?: string[];
  /**
   * Coupled (residual) groups: 'after-upstream' (default) visits a group at its last member's
   * position and mean-normalises member scores; 'first-member' is the old timing and plain sum
   * (prune/group-order.ts).
   */
  coupledGroups: CoupledGroupTiming;
  /** I: statistics steps per window. */
  statsSteps: number;
  /** r: mask refresh interval inside a window. */
  refreshSteps: number;
  /** start_0: dense training steps before the first window. */
  start0: number;
  finetuneSteps: number;
  learningRate: number;
  batchSize: number;
  seed: number;
  optimizer: OptimizerName;
  bnMode: 'frozen' | 'batch';
  /**
   * Classification: fine-tune (and QAT) against the original model's class probabilities
   * (knowledge distillation) instead of the one-hot labels.
   */
  distill: boolean;
  /**
   * Classification on images: random rotation / zoom / shift of every training batch
   * (DIGIT_AUGMENT), as the demo classifiers were trained. Test batches are never augmented.
   * Off by default: it pays only for long fine-tunes (docs/method.md).
   */
  augment: boolean;
  /** Evaluate on at most this many test examples before and after (undefined: the whole split). */
  evalLimit?: number;
  /** Weight / activation bits after pruning (32 or absent = float). Either below 32 runs QAT. */
  wbits?: number;
  abits?: number;
  /** QAT steps after pruning (default DEFAULT_QAT_STEPS when quantizing); 0 = PTQ. */
  qatSteps?: number;
  /** Per-output-channel conv weight scales (default true); Dense is per tensor either way. */
  perChannel?: boolean;
  /** Power-of-two weight scales (default false). */
  pow2?: boolean;
}

export const DEFAULT_QAT_STEPS = 200;

/** The quantization compress runs after pruning, or null when it keeps float weights and activations. */
export function compressQuantConfig(config: CompressConfig): QuantConfig | null {
  const quant: QuantConfig = {
    weightBits: config.wbits ?? FLOAT_BITS,
    activationBits: config.abits ?? FLOAT_BITS,
    perChannel: config.perChannel ?? true,
    pow2: config.pow2 ?? false,
  };
  if (quant.weightBits === FLOAT_BITS && quant.activationBits === FLOAT_BITS) return null;
  validateQuantConfig(quant);
  return quant;
}

export const DEFAULT_COMPRESS_CONFIG: CompressConfig = {
  method: 'layerwise',
  importance: 'l1',
  sparsity: 0.5,
  coupledGroups: 'after-upstream',
  statsSteps: 20,
  refreshSteps: 5,
  start0: 0,
  finetuneSteps: 800,
  learningRate: 0.003,
  batchSize: 64,
  seed: 1,
  optimizer: 'adam',
  bnMode: 'batch',
  distill: false,
  augment: false,
};

/** How a method maps to a schedule and an importance criterion. */
export interface MethodPlan {
  schedule: ScheduleKind;
  importance: CriterionId;
}

/**
 * Each method's schedule, and its criterion when the method fixes one (else `config.importance`).
 * 'random' uses the layerwise timing so that only the importance differs from the paper's method.
 */
const METHOD_PLANS: Record<CompressMethod, { schedule: ScheduleKind; importance?: CriterionId }> = {
  layerwise: { schedule: 'layerwise' },
  oneshot: { schedule: 'oneshot' },
  'oneshot-early': { schedule: 'oneshot-early' },
  stepwise: { schedule: 'stepwise', importance: 'weight-l1' },
  'weight-l1-layerwise': { schedule: 'layerwise', importance: 'weight-l1' },
  'weight-l1-oneshot': { schedule: 'oneshot', importance: 'weight-l1' },
  random: { schedule: 'layerwise', importance: 'random' },
};

export function methodPlan(config: CompressConfig): MethodPlan {
  const plan = METHOD_PLANS[config.method];
  return { schedule: plan.schedule, importance: plan.importance ?? config.importance };
}

function checkSparsity(s: number, what: string): void {
  if (!(s >= 0 && s < 1))
    throw new LabError('INVALID_ARGUMENT', `${what} ${s} must lie in [0, 1).`);
}

export function resolveCompressConfig(partial: Partial<CompressConfig>): CompressConfig {
  const config = { ...DEFAULT_COMPRESS_CONFIG, ...partial };
  if (!COMPRESS_METHODS.includes(config.method)) {
    throw new LabError(
      'INVALID_ARGUMENT',
      `Unknown method "${config.method}": choose ${COMPRESS_METHODS.join(', ')}.`,
    );
  }
  if (!isCriterionId(config.importance)) {
    throw new LabError(
      'INVALID_ARGUMENT',
      `Unknown importance "${config.importance}": choose ${criterionChoices()}.`,
    );
  }
  checkSparsity(config.sparsity, 'Sparsity');
  if (!COUPLED_GROUP_TIMINGS.includes(config.coupledGroups)) {
    throw new LabError(
      'INVALID_ARGUMENT',
      `Unknown coupled-group timing "${config.coupledGroups}": choose ${COUPLED_GROUP_TIMINGS.join(' or ')}.`,
    );
  }
  for (const [id, s] of Object.entries(config.overrides ?? {}))
    checkSparsity(s, `Sparsity of group "${id}"`);
  if (!Number.isInteger(config.batchSize) || config.batchSize < 1) {
    throw new LabError(
      'INVALID_ARGUMENT',
      `Batch size must be a positive integer, got ${config.batchSize}.`,
    );
  }
  if (config.optimizer !== 'sgd' && config.optimizer !== 'adam') {
    throw new LabError(
      'INVALID_ARGUMENT',
      `Unknown optimizer "${config.optimizer}": choose sgd or adam.`,
    );
  }
  if (!(config.learningRate > 0)) {
    throw new LabError(
      'INVALID_ARGUMENT',
      `Learning rate must be positive, got ${config.learningRate}.`,
    );
  }
  compressQuantConfig(config);
  checkScheduleLimits(config);
  if (
    config.qatSteps !== undefined &&
    !(Number.isInteger(config.qatSteps) && config.qatSteps >= 0)
  ) {
    throw new LabError(
      'INVALID_ARGUMENT',
      `QAT steps must be a non-negative integer, got ${config.qatSteps}.`,
    );
  }
  return config;
}

/** Prunable groups minus the skip list, in schedule order (group-order.ts); unknown ids are refused. */
export function scheduledGroupIds(graph: ChannelGraph, config: CompressConfig): string[] {
  const known = new Set(graph.groups.map((g) => g.id));
  for (const id of [...(config.skip ?? []), ...Object.keys(config.overrides ?? {})]) {
    if (!known.has(id))
      throw new LabError('INVALID_ARGUMENT', `Group "${id}" is not in the model's channel graph.`);
  }
  const skip = new Set(config.skip ?? []);
  const ids = graph.groups.filter((g) => g.prunable && !skip.has(g.id)).map((g) => g.id);
  return orderGroupsForSchedule(graph, ids, config.coupledGroups);
}

export function groupSparsity(config: CompressConfig, groupId: string): number {
  return config.overrides?.[groupId] ?? config.sparsity;
}
