import { useEffect } from 'react';
import { refreshMemoryPlan, useMemoryPlan } from '../../store/memory-plan';
import {
  refreshRunTiming,
  runEtaMs,
  sizeBatchOnce,
  sizedNoteFor,
  useRunTiming,
} from '../../store/run-sizing';
import { useLabStore } from '../../store/store';
import { formatBytes, formatDuration } from '../format';

/**
 * The run's memory plan and ETA, next to Run: its peak phase against the page's budget, the
 * largest batch that fits and the time the run should take here — or, when it does not fit,
 * why Run waits and what would fit. Says so when the page sized a dropped model's settings.
 */
export function MemoryPlanLine() {
  const ready = useLabStore((s) => s.engineStatus === 'ready');
  const model = useLabStore((s) => s.model);
  const data = useLabStore((s) => s.data);
  const settings = useLabStore((s) => s.settings);
  const plan = useMemoryPlan((s) => s.plan);
  const costs = useRunTiming((s) => s.costs);
  const note = useRunTiming(() => sizedNoteFor(model, data));
  useEffect(() => {
    if (ready && model && data) void refreshMemoryPlan(settings);
  }, [ready, model, data, settings]);
  useEffect(() => {
    if (!plan) return;
    sizeBatchOnce(plan);
    void refreshRunTiming(plan);
  }, [plan]);
  if (!plan || !model) return null;
  if (plan.refusal)
    return (
      <p role="alert" className="banner banner-error" data-testid="memory-plan">
        {plan.refusal}
      </p>
    );
  const etaMs = costs ? runEtaMs(settings) : null;
  return (
    <>
      <p className="muted" data-testid="memory-plan">
        Memory plan: peak ≈ {formatBytes(plan.peakBytes)} ({plan.peakPhase}) of the{' '}
        {formatBytes(plan.budgetBytes)} budget; batches up to {plan.largestBatch} fit.
        {etaMs !== null && (
          <span data-testid="run-eta" data-value={Math.round(etaMs)}>
            {' '}
            ETA ≈ {formatDuration(etaMs)} here.
          </span>
        )}
      </p>
      {note && (
        <p role="status" className="muted" data-testid="run-sizing">
          {note}
        </p>
      )}
    </>
  );
}
