import { createActivationL0Scorer } from './activation-l0';
import { createActivationL1Scorer } from './activation-l1';
import type { CriterionId } from './catalog';
import { createRandomScorer } from './random';
import { createTaylorScorer } from './taylor';
import type { CreateScorer, ImportanceScorer, ScorerContext } from './types';
import { createWeightL1Scorer } from './weight-l1';

/**
 * Every criterion's implementation by id (texts in catalog.ts). Adding a criterion: one file in
 * this folder exporting its CreateScorer, one entry in catalog.ts, one line here.
 */
const SCORERS: Record<CriterionId, CreateScorer> = {
  l1: createActivationL1Scorer,
  l0: createActivationL0Scorer,
  taylor: createTaylorScorer,
  'weight-l1': createWeightL1Scorer,
  random: createRandomScorer,
};

/** The run's scorer for criterion `id` (owns tensors: dispose it). */
export function createScorer(id: CriterionId, context: ScorerContext): ImportanceScorer {
  return SCORERS[id](context);
}
