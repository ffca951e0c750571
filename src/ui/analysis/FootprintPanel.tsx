import { useRef, useState } from 'react';
import { FOOTPRINT_AXES, type FootprintAxis } from '../../store/analysis-slice';
import { bitLabel } from '../../store/pipeline-settings';
import { forgetStoredRuns, loadArtifact } from '../../store/runs-persistence';
import { useLabStore } from '../../store/store';
import { formatMetric } from '../format';
import { saveBytes } from '../results/download';
import { ResultCards } from '../results/ResultCards';
import { ChartFrame } from './ChartFrame';
import { FootprintChart, METHOD_COLOURS } from './FootprintChart';
import { AXIS_LABELS, footprintPoints, frontOf, runsCsv } from './footprint-points';
import { savePng, saveSvg, saveText } from './chart-export';

function SelectedRun() {
  const run = useLabStore((s) => s.storedRuns.find((r) => r.runId === s.selectedRunId));
  const [error, setError] = useState<string | null>(null);
  if (!run) return null;
  const download = async () => {
    setError(null);
    try {
      const artifact = await loadArtifact(run.runId);
      if (!artifact) throw new Error(`The files of run ${run.runId} are not stored.`);
      saveBytes(artifact.name, artifact.bytes, 'application/zip');
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <div className="selected-run" data-testid="selected-run" data-run={run.runId}>
      <h3>
        Run {run.runId}: {run.settings.method}, {Math.round(run.settings.sparsity * 100)}%, W
        {bitLabel(run.settings.wbits)} A{bitLabel(run.settings.abits)}
      </h3>
      <ResultCards
        outcome={{
          runId: run.runId,
          before: run.before,
          after: run.after,
          elapsedMs: run.elapsedMs,
          keptChannels: run.keptChannels,
          report: run.report,
          labReport: run.labReport,
        }}
      />
      {run.artifactName ? (
        <button type="button" data-testid="selected-run-download" onClick={() => void download()}>
          Download stored {run.artifactName}
        </button>
      ) : (
        <p className="muted">{run.artifactNote ?? 'No files stored for this run.'}</p>
      )}
      {error && (
        <div role="alert" className="banner banner-error">
          {error}
        </div>
      )}
    </div>
  );
}

export function FootprintPanel() {
  const runs = useLabStore((s) => s.storedRuns);
  const modelName = useLabStore((s) => s.model?.name ?? null);
  const axis = useLabStore((s) => s.selection.footprintAxis);
  const selectedId = useLabStore((s) => s.selectedRunId);
  const storageError = useLabStore((s) => s.storageError);
  const setSelection = useLabStore((s) => s.setSelection);
  const selectRun = useLabStore((s) => s.selectRun);
  const svgRef = useRef<SVGSVGElement>(null);
  const points = footprintPoints(
    runs,
    runs.some((r) => r.modelName === modelName) ? modelName : null,
    axis,
  );
  const front = frontOf(points);
  const table = {
    columns: ['run', 'method', 'W/A bits', AXIS_LABELS[axis], 'metric', 'on Pareto front'],
    rows: points.map((p) => [
      p.id,
      p.method,
      `${bitLabel(p.wbits as 32)}/${bitLabel(p.abits as 32)}`,
      Math.round(p.x),
      formatMetric(p.metric, p.y),
      front.has(p.id) ? 'yes' : 'no',
    ]),
  };
  const exports = (
    <>
      <button
        type="button"
        data-testid="export-png"
        disabled={!points.length}
        onClick={() => svgRef.current && void savePng(svgRef.current, 'footprint.png')}
      >
        PNG
      </button>
      <button
        type="button"
        data-testid="export-svg"
        disabled={!points.length}
        onClick={() => svgRef.current && saveSvg(svgRef.current, 'footprint.svg')}
      >
        SVG
      </button>
      <button
        type="button"
        data-testid="export-csv"
        disabled={!runs.length}
        onClick={() => saveText('runs.csv', runsCsv(runs), 'text/csv')}
      >
        CSV
      </button>
    </>
  );
  return (
    <section
      className="panel panel-footprint"
      aria-labelledby="panel-footprint-title"
      data-testid="footprint-panel"
    >
      <h2 id="panel-footprint-title">Accuracy vs memory footprint</h2>
      <label>
        x axis{' '}
        <select
          data-testid="footprint-axis"
          value={axis}
          onChange={(e) => setSelection({ footprintAxis: e.target.value as FootprintAxis })}
        >
          {FOOTPRINT_AXES.map((a) => (
            <option key={a} value={a}>
              {AXIS_LABELS[a]}
            </option>
          ))}
        </select>
      </label>
      {storageError && (
        <div role="alert" className="banner banner-error" data-testid="storage-error">
          {storageError}
        </div>
      )}
      {points.length > 0 ? (
        <ChartFrame
          title={`Metric vs ${AXIS_LABELS[axis]}`}
          testId="footprint-chart"
          table={table}
          actions={exports}
        >
          <FootprintChart
            ref={svgRef}
            points={points}
            front={front}
            axis={axis}
            selectedId={selectedId}
            onSelect={(id) => selectRun(id === 'dense' ? null : id)}
          />
          <p className="chart-legend">
            {Object.entries(METHOD_COLOURS).map(([m, c]) => (
              <span key={m} className="legend-item">
                <span className="legend-swatch" style={{ background: c }} /> {m}{' '}
              </span>
            ))}
            · markers: ○ fp32 □ 8-bit △ 4-bit ◇ 2-bit weights · line: Pareto front
          </p>
        </ChartFrame>
      ) : (
        <p className="muted">
          Finished runs appear here (they are kept in this browser across reloads).
        </p>
      )}
      <SelectedRun />
      {runs.length > 0 && (
        <button
          type="button"
          className="link-button"
          data-testid="forget-runs"
          onClick={() =>
            void forgetStoredRuns().catch((e) => useLabStore.getState().setStorageError(String(e)))
          }
        >
          Forget {runs.length} stored run{runs.length === 1 ? '' : 's'}
        </button>
      )}
    </section>
  );
}
