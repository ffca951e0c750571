import { useEffect } from 'react';
import {
  computePairs,
  computeSweep,
  prunableUnitIds,
  resolveRankUnits,
} from '../../store/analysis-actions';
import { useLabStore } from '../../store/store';
import { BumpChart } from './BumpChart';
import { MetricLines } from './MetricLines';
import { PairHeatmap } from './PairHeatmap';
import { rankShiftSentence } from './rank-reading';

function UnitPickers({
  units,
  unit,
  upstream,
}: {
  units: string[];
  unit: string;
  upstream: string;
}) {
  const setSelection = useLabStore((s) => s.setSelection);
  const upstreamChoices = units.slice(0, units.indexOf(unit));
  return (
    <div className="form-row">
      <label>
        Unit L{' '}
        <select
          data-testid="rank-unit"
          value={unit}
          onChange={(e) => setSelection({ rankUnit: e.target.value, rankUpstream: null })}
        >
          {units.slice(1).map((id) => (
            <option key={id}>{id}</option>
          ))}
        </select>
      </label>
      <label>
        Upstream U{' '}
        <select
          data-testid="rank-upstream"
          value={upstream}
          onChange={(e) => setSelection({ rankUpstream: e.target.value })}
        >
          {upstreamChoices.map((id) => (
            <option key={id}>{id}</option>
          ))}
        </select>
      </label>
    </div>
  );
}

function SweepView() {
  const sweep = useLabStore((s) => s.sweep)!;
  const index = useLabStore((s) => s.selection.upstreamSparsityIndex);
  const setSelection = useLabStore((s) => s.setSelection);
  const point = sweep.points[index];
  return (
    <>
      <label className="slider-row">
        {sweep.upstream}'s sparsity:{' '}
        <output data-testid="rank-sparsity">{Math.round(point.sparsity * 100)}%</output>
        <input
          type="range"
          data-testid="rank-slider"
          min={0}
          max={sweep.points.length - 1}
          step={1}
          value={index}
          aria-valuetext={`${Math.round(point.sparsity * 100)}%`}
          onChange={(e) => setSelection({ upstreamSparsityIndex: Number(e.target.value) })}
        />
      </label>
      <dl className="figures rank-figures">
        <dt>Kendall's τ</dt>
        <dd data-testid="rank-tau" data-value={point.kendallTau}>
          {point.kendallTau.toFixed(3)}
        </dd>
        <dt>Levenshtein / n</dt>
        <dd data-testid="rank-lev" data-value={point.levenshteinNormalized}>
          {point.levenshtein} / {sweep.denseImportance.length} ={' '}
          {point.levenshteinNormalized.toFixed(3)}
        </dd>
        <dt>kept-set overlap</dt>
        <dd data-testid="rank-overlap" data-value={point.keptOverlap}>
          {(point.keptOverlap * 100).toFixed(1)}%
        </dd>
      </dl>
      <p className="reading" data-testid="rank-sentence">
        {rankShiftSentence(sweep, index)}
      </p>
      <div className="chart-row">
        <BumpChart sweep={sweep} index={index} />
        <MetricLines sweep={sweep} index={index} />
      </div>
      <p className="muted note">
        Calibration batch of {sweep.calibrationSize} training examples; sweep computed once in{' '}
        {sweep.elapsedMs} ms, the slider only indexes it.
      </p>
    </>
  );
}

export function RankShiftPanel() {
  const model = useLabStore((s) => s.model);
  const dataReady = useLabStore((s) => s.data !== null);
  const selection = useLabStore((s) => s.selection);
  const sweep = useLabStore((s) => s.sweep);
  const sweepLoading = useLabStore((s) => s.sweepLoading);
  const sweepError = useLabStore((s) => s.sweepError);
  const pairs = useLabStore((s) => s.pairs);
  const pairsLoading = useLabStore((s) => s.pairsLoading);
  const pairsError = useLabStore((s) => s.pairsError);
  const units = prunableUnitIds(model);
  const resolved = resolveRankUnits(model, selection.rankUnit, selection.rankUpstream);
  const stale =
    sweep && resolved && (sweep.unit !== resolved.unit || sweep.upstream !== resolved.upstream);
  // After the first computation, a new (L, U) choice recomputes by itself.
  useEffect(() => {
    if (stale && !sweepLoading) void computeSweep();
  }, [stale, sweepLoading]);
  return (
    <section
      className="panel panel-rank"
      aria-labelledby="panel-rank-title"
      data-testid="rank-panel"
    >
      <h2 id="panel-rank-title">Rank shift</h2>
      <p className="muted">
        When an earlier layer U loses channels, do the channels of a later layer L change places in
        the importance ranking? If they do, L must be measured after U is pruned.
      </p>
      <p className="muted" data-testid="rank-bn-mode">
        BatchNorm: batch statistics of the calibration batch, as pruning measures importance.
      </p>
      {resolved ? (
        <>
          <UnitPickers units={units} unit={resolved.unit} upstream={resolved.upstream} />
          <div className="form-row">
            <button
              type="button"
              className="primary"
              data-testid="rank-compute"
              disabled={!dataReady || sweepLoading}
              onClick={() => void computeSweep()}
            >
              {sweepLoading ? 'Computing…' : 'Compute rank shift'}
            </button>
            <button
              type="button"
              data-testid="pairs-compute"
              disabled={!dataReady || pairsLoading}
              onClick={() => void computePairs()}
            >
              {pairsLoading ? 'Computing pairs…' : 'τ for all unit pairs'}
            </button>
          </div>
        </>
      ) : (
        <p className="muted">Load a model with two prunable units, one upstream of the other.</p>
      )}
      {sweepError && (
        <div role="alert" className="banner banner-error">
          {sweepError}
        </div>
      )}
      {sweep && !stale && <SweepView />}
      {pairsError && (
        <div role="alert" className="banner banner-error">
          {pairsError}
        </div>
      )}
      {pairs && <PairHeatmap pairs={pairs} />}
    </section>
  );
}
