import { useLabStore } from '../../store/store';
import { formatDuration } from '../format';

/** Phase, step and ETA of the active run, announced politely to screen readers. */
export function RunProgress() {
  const progress = useLabStore((s) => s.progress);
  const active = useLabStore((s) => s.activeRunId !== null);
  const cancelling = useLabStore((s) => s.cancelling);
  if (!active) return null;
  const fraction = progress && progress.totalSteps > 0 ? progress.step / progress.totalSteps : 0;
  return (
    <div className="run-progress" data-testid="run-progress">
      <progress max={1} value={fraction} aria-label="Run progress" />
      <p aria-live="polite" data-testid="run-status">
        {cancelling
          ? 'Cancelling…'
          : progress
            ? `${progress.phase}${progress.unit ? ` · ${progress.unit}` : ''}: step ${progress.step} of ${progress.totalSteps} · ETA ${formatDuration(progress.etaMs)}`
            : 'Measuring the original model…'}
      </p>
    </div>
  );
}
