/**
 * How long a run will take, before it starts, from two measured costs on this machine (one
 * training step at the run's batch, one evaluated example) — and the step counts that bring a
 * first run on a large model within a time budget. Pure arithmetic; the worker measures.
 */
export interface RunSteps {
  statsSteps: number;
  refreshSteps: number;
  finetuneSteps: number;
  /** 0 = PTQ. */
  qatSteps: number;
}

export interface RunCosts {
  trainStepMs: number;
  evalExampleMs: number;
  /** Prunable groups the layerwise schedule visits (one window of statsSteps + 1 each). */
  prunableGroups: number;
  quantize: boolean;
  /** Examples scored per evaluation (the run's evalLimit, capped by the data). */
  evalExamples: number;
  /**
   * Unlabelled data is scored by agreement with the original model: every evaluated example
   * runs through the original too, so it costs two forwards.
   */
  agreement?: boolean;
}

/**
 * Evaluations of `evalExamples` a run makes: figures before and after on the stock model,
 * compress before and after, the surgery check, and the quantized and weight-only scores.
 */
export const EVALUATIONS_PER_RUN = 7;

/** A first run on a big model should end within this (the 5 minutes on 2 cores). */
export const FIRST_RUN_BUDGET_MS = 5 * 60 * 1000;

/**
 * What the page sizes a first run to: 85 % of the budget. The rest is for work the two
 * measured costs do not cover (model builds, surgery, export and zip), which took the
 * MobileNetV2-shaped e2e run 5.1 min against a 5-minute plan.
 */
export const SIZING_BUDGET_MS = Math.round(0.85 * FIRST_RUN_BUDGET_MS);

/** Training steps of a layerwise run: one window per group, fine-tune, QAT. */
export function trainingSteps(
  steps: RunSteps,
  costs: Pick<RunCosts, 'prunableGroups' | 'quantize'>,
): number {
  return (
    costs.prunableGroups * (steps.statsSteps + 1) +
    steps.finetuneSteps +
    (costs.quantize ? steps.qatSteps : 0)
  );
}

/** All evaluations of a run; agreement runs the original beside the model, twice the forwards. */
export function evaluationMs(costs: RunCosts): number {
  const forwards = costs.agreement ? 2 : 1;
  return EVALUATIONS_PER_RUN * costs.evalExamples * costs.evalExampleMs * forwards;
}

export function estimateRunMs(steps: RunSteps, costs: RunCosts): number {
  return trainingSteps(steps, costs) * costs.trainStepMs + evaluationMs(costs);
}

/**
 * Step counts scaled down by one factor until the estimate fits `budgetMs` (never up): at
 * least 2 statistics steps per window (1 when nothing else fits), a refresh of at most half the window, and QAT below 10
 * steps becomes PTQ (0 steps: calibration only). Returns the steps unchanged when they fit, and
 * the smallest run when nothing fits.
 */
export function stepsWithinBudget(steps: RunSteps, costs: RunCosts, budgetMs: number): RunSteps {
  if (estimateRunMs(steps, costs) <= budgetMs) return steps;
  const evalMs = evaluationMs(costs);
  const trainMs = trainingSteps(steps, costs) * costs.trainStepMs;
  // The +1 step per window does not scale, so shrink further until the estimate fits.
  let factor = Math.max(0, budgetMs - evalMs) / trainMs;
  let sized = scaleSteps(steps, factor);
  while (estimateRunMs(sized, costs) > budgetMs && factor > 0.01) {
    factor *= 0.9;
    sized = scaleSteps(steps, factor);
  }
  // Last resort for a big model: one statistics step per window (windows of 2 steps, not 3).
  if (estimateRunMs(sized, costs) > budgetMs) return { ...sized, statsSteps: 1, refreshSteps: 1 };
  return sized;
}

function scaleSteps(steps: RunSteps, factor: number): RunSteps {
  const statsSteps = Math.max(2, Math.floor(steps.statsSteps * factor));
  const qat = Math.floor(steps.qatSteps * factor);
  return {
    statsSteps,
    refreshSteps: Math.max(1, Math.min(steps.refreshSteps, Math.floor(statsSteps / 2))),
    finetuneSteps: Math.floor(steps.finetuneSteps * factor),
    qatSteps: qat < 10 ? 0 : qat,
  };
}
