import { cancelRun, startRun } from '../../store/lab-actions';
import { useLabStore } from '../../store/store';
import { useMemoryPlan } from '../../store/memory-plan';
import { LossChart } from './LossChart';
import { MemoryPlanLine } from './MemoryPlanLine';
import { OverridesTable } from './OverridesTable';
import { RunProgress } from './RunProgress';
import { RunSizeEstimate } from './RunSizeEstimate';
import { SettingsForm } from './SettingsForm';
import { UnitStrip } from './UnitStrip';

function readiness(s: ReturnType<typeof useLabStore.getState>): string | null {
  if (s.engineStatus !== 'ready') return 'The engine is not running.';
  if (!s.model) return 'Load a model first.';
  if (s.modelLoading !== null || s.dataLoading) return 'Loading…';
  if (!s.data) return 'Choose data first.';
  if (s.model.inputShape.join('x') !== s.data.inputShape.join('x'))
    return 'The data does not fit the model input.';
  return null;
}

export function PipelinePanel() {
  const blocker = useLabStore(readiness);
  const active = useLabStore((s) => s.activeRunId !== null);
  const cancelling = useLabStore((s) => s.cancelling);
  const runError = useLabStore((s) => s.runError);
  const runNotice = useLabStore((s) => s.runNotice);
  const memoryWarning = useLabStore((s) => s.memoryWarning);
  const overBudget = useMemoryPlan((s) => s.plan?.refusal != null);
  return (
    <section className="panel panel-pipeline" aria-labelledby="panel-pipeline-title">
      <h2 id="panel-pipeline-title">Pipeline</h2>
      <SettingsForm disabled={active} />
      <OverridesTable disabled={active} />
      <div className="run-controls">
        <button
          type="button"
          className="primary"
          data-testid="run-button"
          disabled={active || blocker !== null || overBudget}
          onClick={() => void startRun()}
        >
          Run
        </button>
        <button
          type="button"
          data-testid="cancel-button"
          disabled={!active || cancelling}
          onClick={() => void cancelRun()}
        >
          Cancel
        </button>
        {blocker && !active && <span className="muted">{blocker}</span>}
      </div>
      <MemoryPlanLine />
      <RunSizeEstimate />
      {memoryWarning && (
        <div role="status" className="banner banner-warn" data-testid="memory-warning">
          {memoryWarning}
        </div>
      )}
      {runNotice && (
        <div role="status" className="banner banner-warn" data-testid="run-notice">
          {runNotice}
        </div>
      )}
      <RunProgress />
      {runError && (
        <div role="alert" className="banner banner-error" data-testid="run-error">
          {runError}
        </div>
      )}
      <UnitStrip />
      <LossChart />
    </section>
  );
}
