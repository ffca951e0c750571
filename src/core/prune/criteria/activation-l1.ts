import { ActivationCollector } from '../importance';
import { ActivationStatisticsScorer } from './activation-scorer';
import type { CreateScorer } from './types';

/**
 * Activation L1 (method.md §2, the paper's measure): per step m_t[c] = mean over batch and
 * positions of |a[…, c]| at the unit's measurement layer (after its activation), unmasked;
 * cumulative mean over the statistics steps.
 */
export const createActivationL1Scorer: CreateScorer = ({ graph, combine }) =>
  new ActivationStatisticsScorer(new ActivationCollector(graph, 'l1', combine));
