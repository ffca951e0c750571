import { describe, expect, it } from 'vitest';
import {
  estimateRunMs,
  FIRST_RUN_BUDGET_MS,
  SIZING_BUDGET_MS,
  stepsWithinBudget,
  trainingSteps,
} from './run-time-plan';

const DEFAULTS = { statsSteps: 10, refreshSteps: 5, finetuneSteps: 40, qatSteps: 40 };

describe('run time plan', () => {
  // The demo CNN: 4 groups, 60 ms a step, 1 ms an example, 1,000 examples per evaluation.
  const cnn = {
    trainStepMs: 60,
    evalExampleMs: 1,
    prunableGroups: 4,
    quantize: true,
    evalExamples: 1000,
  };
  // A MobileNetV2-sized model at batch 1: 27 groups, 1.2 s a step, 60 ms an example, 50 images.
  const mobile = {
    trainStepMs: 1200,
    evalExampleMs: 60,
    prunableGroups: 27,
    quantize: true,
    evalExamples: 50,
  };

  it('counts windows, fine-tune and QAT steps, and the evaluations', () => {
    expect(trainingSteps(DEFAULTS, cnn)).toBe(4 * 11 + 40 + 40);
    expect(estimateRunMs(DEFAULTS, cnn)).toBe(124 * 60 + 7 * 1000);
    expect(estimateRunMs(DEFAULTS, mobile)).toBe((27 * 11 + 80) * 1200 + 7 * 50 * 60);
  });

  it('keeps steps that fit and scales a big model into the budget', () => {
    expect(stepsWithinBudget(DEFAULTS, cnn, FIRST_RUN_BUDGET_MS)).toEqual(DEFAULTS);
    // 377 steps × 1.2 s + 21 s = 473.4 s > 300 s: factor (300 − 21) / 452.4 = 0.617 gives
    // 27 × 7 + 48 steps = 305.4 s (the window's +1 does not scale); × 0.9: 27 × 6 + 44 = 268.2 s.
    const sized = stepsWithinBudget(DEFAULTS, mobile, FIRST_RUN_BUDGET_MS);
    expect(sized).toEqual({ statsSteps: 5, refreshSteps: 2, finetuneSteps: 22, qatSteps: 22 });
    expect(estimateRunMs(sized, mobile)).toBeLessThanOrEqual(FIRST_RUN_BUDGET_MS);
  });

  it('turns a QAT too short to matter into PTQ; 1 statistics step only when 2 do not fit', () => {
    // 60 s cannot hold even 27 windows of 3 steps (97 s + 21 s): one statistics step per window.
    const sized = stepsWithinBudget(DEFAULTS, mobile, 60_000);
    expect(sized).toEqual({ statsSteps: 1, refreshSteps: 1, finetuneSteps: 0, qatSteps: 0 });
    expect(estimateRunMs(sized, mobile)).toBe(27 * 2 * 1200 + 7 * 50 * 60);
    // 130 s: factor 109 / 452.4 = 0.241 → 9 QAT steps, too few: PTQ; 27 × 3 + 9 steps = 129 s.
    const some = stepsWithinBudget(DEFAULTS, mobile, 130_000);
    expect(some).toEqual({ statsSteps: 2, refreshSteps: 1, finetuneSteps: 9, qatSteps: 0 });
    expect(estimateRunMs(some, mobile)).toBe(129_000);
  });

  it('unlabelled data costs two forwards per evaluated example; sizing leaves 15 % for the rest', () => {
    const distil = { ...mobile, agreement: true };
    expect(estimateRunMs(DEFAULTS, distil)).toBe((27 * 11 + 80) * 1200 + 2 * 7 * 50 * 60);
    expect(SIZING_BUDGET_MS).toBe(255_000);
    // Evaluations 42 s; factor (255 − 42) / 452.4 = 0.471: 27 × 5 + 18 + 18 steps = 205.2 s.
    const sized = stepsWithinBudget(DEFAULTS, distil, SIZING_BUDGET_MS);
    expect(sized).toEqual({ statsSteps: 4, refreshSteps: 2, finetuneSteps: 18, qatSteps: 18 });
    expect(estimateRunMs(sized, distil)).toBe(247_200);
  });
});
