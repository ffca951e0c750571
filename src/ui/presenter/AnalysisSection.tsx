import { useEffect } from 'react';
import { startRunPersistence } from '../../store/runs-persistence';
import { useLabStore } from '../../store/store';
import { FootprintPanel } from '../analysis/FootprintPanel';
import { LayerTable } from '../analysis/LayerTable';
import { RankShiftPanel } from '../analysis/RankShiftPanel';
import { ReplayPanel } from './ReplayPanel';

/** Announces run progress to screen readers (its own component, and it re-renders only when the phase changes). */
function ProgressAnnouncer() {
  const totalSteps = useLabStore((s) => s.progress?.totalSteps ?? null);
  const running = useLabStore((s) => s.activeRunId !== null);
  const phase = useLabStore((s) => s.progress?.phase ?? null);
  // Announce phase changes, not every step: a screen reader cannot keep up with steps.
  const announce =
    running && phase ? `Run ${phase}: ${totalSteps} steps.` : running ? '' : 'No run in progress.';
  return (
    <span className="visually-hidden" aria-live="polite" data-testid="progress-live">
      {announce}
    </span>
  );
}

/** The analysis panels and the progress announcer (presenter mode lives in the header). */
export function AnalysisSection() {
  useEffect(() => startRunPersistence(), []);
  return (
    <>
      <div className="analysis-toolbar">
        <ProgressAnnouncer />
      </div>
      <RankShiftPanel />
      <FootprintPanel />
      <LayerTable />
      <ReplayPanel />
    </>
  );
}
