import { ActivationCollector } from '../importance';
import { effectiveKinds, l0FallbackNote } from '../l0-scope';
import { ActivationStatisticsScorer } from './activation-scorer';
import type { CreateScorer } from './types';

/**
 * Activation L0 (1 − APoZ): per step the fraction of non-zero activations per channel; only on
 * ReLU outputs, elsewhere |a| as the reference does, with a note naming those units (l0-scope.ts).
 */
export const createActivationL0Scorer: CreateScorer = (context) => {
  const { spec, graph, combine, scheduledGroupIds } = context;
  const kinds = effectiveKinds(spec, graph, 'l0');
  const scheduled = new Set(scheduledGroupIds);
  const units = graph.units.filter((u) => scheduled.has(u.groupId));
  const note = l0FallbackNote({ ...graph, units }, kinds, 'l0');
  return new ActivationStatisticsScorer(
    new ActivationCollector(graph, 'l0', combine, kinds),
    note ? [note] : [],
  );
};
