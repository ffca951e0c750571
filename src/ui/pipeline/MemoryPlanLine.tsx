import { useEffect } from 'react';
import { refreshMemoryPlan, useMemoryPlan } from '../../store/memory-plan';
import { useLabStore } from '../../store/store';
import { formatBytes } from '../format';

/**
 * The run's memory plan, next to Run: its peak phase against the page's budget and the largest
 * batch that fits — or, when it does not fit, why Run waits and what would fit.
 */
export function MemoryPlanLine() {
  const ready = useLabStore((s) => s.engineStatus === 'ready');
  const model = useLabStore((s) => s.model);
  const data = useLabStore((s) => s.data);
  const settings = useLabStore((s) => s.settings);
  const plan = useMemoryPlan((s) => s.plan);
  useEffect(() => {
    if (ready && model && data) void refreshMemoryPlan(settings);
  }, [ready, model, data, settings]);
  if (!plan || !model) return null;
  if (plan.refusal)
    return (
      <p role="alert" className="banner banner-error" data-testid="memory-plan">
        {plan.refusal}
      </p>
    );
  return (
    <p className="muted" data-testid="memory-plan">
      Memory plan: peak ≈ {formatBytes(plan.peakBytes)} ({plan.peakPhase}) of the{' '}
      {formatBytes(plan.budgetBytes)} budget; batches up to {plan.largestBatch} fit.
    </p>
  );
}
