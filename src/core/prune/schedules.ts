import { LabError } from '../errors';

/**
 * Pruning schedules (method.md §4) as pure functions of the training step: which groups
 * gather statistics, which recompute their mask before the step's forward pass, which
 * masks are in force, which are frozen. No tensors here, so every rule is unit-testable.
 *
 * Order within one step: recompute the masks listed in `recompute` (from the statistics
 * gathered on earlier steps), then run the forward pass with every `masked` group's mask,
 * gathering statistics for `collect` groups on the *unmasked* activation of that group.
 * `at(totalSteps)` may still list recomputes (one-shot with no fine-tune steps): the runner
 * applies them after the last training step.
 */
export type ScheduleKind = 'layerwise' | 'oneshot' | 'oneshot-early' | 'stepwise';

export interface ScheduleConfig {
  kind: ScheduleKind;
  /** Prunable groups (skip list removed) in topological order. */
  groupIds: readonly string[];
  /** I: steps of statistics per window. */
  statsSteps: number;
  /** r: recompute the mask every r steps inside a window. */
  refreshSteps: number;
  /** start_0: the first window's first step (dense warm-up before it). */
  start0: number;
  /** Extra training steps after the last mask is frozen. */
  finetuneSteps: number;
  /** Stepwise: number of ramp steps n (default 5). */
  rampSteps?: number;
}

export interface StepPlan {
  step: number;
  /** Groups in their measurement window (layerwise / one-shot). */
  measuring: string[];
  /** Groups whose activation statistics are gathered during this step. */
  collect: string[];
  /** Groups whose mask is recomputed before this step's forward pass. */
  recompute: string[];
  /** Groups with a mask in force during this step (after `recompute`). */
  masked: string[];
  /** Groups whose mask can no longer change. */
  frozen: string[];
  /** Layerwise: the group whose window contains this step. */
  activeGroup?: string;
  /** Fraction of the target sparsity a mask recomputed now uses (stepwise ramp), else 1. */
  sparsityFraction: number;
}

export interface Schedule {
  kind: ScheduleKind;
  config: ScheduleConfig;
  /** T: the step at which the layerwise schedule has frozen its last group. */
  pruningEndStep: number;
  /** T + fine-tune steps: the number of training steps. */
  totalSteps: number;
  at(step: number): StepPlan;
}

function checkConfig(c: ScheduleConfig): void {
  const ints: [string, number][] = [
    ['statsSteps', c.statsSteps],
    ['refreshSteps', c.refreshSteps],
    ['start0', c.start0],
    ['finetuneSteps', c.finetuneSteps],
  ];
  for (const [name, v] of ints) {
    if (!Number.isInteger(v) || v < 0) {
      throw new LabError(
        'INVALID_ARGUMENT',
        `Schedule ${name} must be a non-negative integer, got ${v}.`,
      );
    }
  }
  if (c.statsSteps < 1 || c.refreshSteps < 1 || c.refreshSteps > c.statsSteps) {
    throw new LabError(
      'INVALID_ARGUMENT',
      `Schedule needs 1 ≤ refresh steps (${c.refreshSteps}) ≤ statistics steps (${c.statsSteps}).`,
    );
  }
  const n = c.rampSteps ?? 5;
  if (!Number.isInteger(n) || n < 1) {
    throw new LabError(
      'INVALID_ARGUMENT',
      `Stepwise ramp steps must be a positive integer, got ${n}.`,
    );
  }
}

function emptyPlan(step: number): StepPlan {
  return {
    step,
    measuring: [],
    collect: [],
    recompute: [],
    masked: [],
    frozen: [],
    sparsityFraction: 1,
  };
}

/** Layerwise: group l's window starts at start_0 + l·(I+1); t = step − start_l. */
function layerwiseAt(c: ScheduleConfig, step: number): StepPlan {
  const plan = emptyPlan(step);
  const I = c.statsSteps;
  const r = c.refreshSteps;
  c.groupIds.forEach((id, l) => {
    const t = step - (c.start0 + l * (I + 1));
    if (t < 0) return;
    if (t <= I) {
      plan.measuring.push(id);
      plan.activeGroup = id;
    }
    if (t < I) plan.collect.push(id);
    if (t > 0 && t <= I && t % r === 0) plan.recompute.push(id);
    if (t >= r) plan.masked.push(id);
    if (t > I) plan.frozen.push(id);
  });
  return plan;
}

/**
 * One-shot: every group collects on the dense net for I steps from `windowStart`; all masks at
 * windowStart + I. 'oneshot' starts at T − I (masks set at the end of the pruning phase);
 * 'oneshot-early' at start_0, so its masks are in force as long as layerwise's first mask is —
 * the control that separates *when* masks are set from *which* channels are chosen.
 */
function oneshotAt(c: ScheduleConfig, step: number, windowStart: number): StepPlan {
  const plan = emptyPlan(step);
  const t = step - windowStart;
  if (t < 0) return plan;
  const all = [...c.groupIds];
  if (t <= c.statsSteps) plan.measuring = all;
  if (t < c.statsSteps) plan.collect = all;
  if (t === c.statsSteps) plan.recompute = all;
  if (t >= c.statsSteps) plan.masked = all;
  if (t > c.statsSteps) plan.frozen = all;
  return plan;
}

/** Δ for the stepwise ramp: the n ramp steps span start_0 … T. */
export function stepwiseDeltaSteps(c: ScheduleConfig, pruningEndStep: number): number {
  return Math.max(1, Math.floor((pruningEndStep - c.start0) / (c.rampSteps ?? 5)));
}

/** Zhu & Gupta cubic ramp: s_i = s·(1 − (1 − (i+1)/n)^3), i = 0…n−1. */
export function cubicSparsityFraction(i: number, n: number): number {
  return 1 - Math.pow(1 - (i + 1) / n, 3);
}

/** Stepwise: masks of every group refreshed at start_0 + (i+1)·Δ with the ramped sparsity. */
function stepwiseAt(c: ScheduleConfig, step: number, pruningEndStep: number): StepPlan {
  const plan = emptyPlan(step);
  const n = c.rampSteps ?? 5;
  const delta = stepwiseDeltaSteps(c, pruningEndStep);
  const k = (step - c.start0) / delta; // ramp index + 1 when integral
  const all = [...c.groupIds];
  if (k >= 1) plan.masked = all;
  if (Number.isInteger(k) && k >= 1 && k <= n) {
    plan.recompute = all;
    plan.sparsityFraction = cubicSparsityFraction(k - 1, n);
  }
  if (k > n) plan.frozen = all;
  return plan;
}

/** Builds the schedule; every kind shares T = start_0 + G·(I+1) and the fine-tune tail. */
export function createSchedule(config: ScheduleConfig): Schedule {
  checkConfig(config);
  if (config.groupIds.length === 0) {
    throw new LabError('INVALID_ARGUMENT', 'The schedule has no prunable group to visit.');
  }
  const c: ScheduleConfig = { ...config, groupIds: [...config.groupIds] };
  const pruningEndStep = c.start0 + c.groupIds.length * (c.statsSteps + 1);
  const at = (step: number): StepPlan => {
    if (c.kind === 'layerwise') return layerwiseAt(c, step);
    if (c.kind === 'oneshot') return oneshotAt(c, step, pruningEndStep - c.statsSteps);
    if (c.kind === 'oneshot-early') return oneshotAt(c, step, c.start0);
    return stepwiseAt(c, step, pruningEndStep);
  };
  return {
    kind: c.kind,
    config: c,
    pruningEndStep,
    totalSteps: pruningEndStep + c.finetuneSteps,
    at,
  };
}

/**
 * The paper's schedule in steps for a data set of `stepsPerEpoch`: the reference's CIFAR-100
 * values (391 steps per epoch: I = 49, r = 10, start_0 = 196, i.e. ≈ 1/8, 1/40 and 1/2 epoch)
 * scaled to this epoch length, with `finetuneEpochs` of fine-tuning after the last window.
 */
export function paperScheduleSteps(
  stepsPerEpoch: number,
  finetuneEpochs: number,
): Pick<ScheduleConfig, 'statsSteps' | 'refreshSteps' | 'start0' | 'finetuneSteps'> {
  const scaled = (referenceSteps: number) =>
    Math.max(1, Math.round((referenceSteps / 391) * stepsPerEpoch));
  return {
    statsSteps: scaled(49),
    refreshSteps: scaled(10),
    start0: scaled(196),
    finetuneSteps: Math.round(finetuneEpochs * stepsPerEpoch),
  };
}
