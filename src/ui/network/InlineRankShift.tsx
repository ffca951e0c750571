import { computeSweep } from '../../store/analysis-actions';
import { useLabStore } from '../../store/store';
import type { RankShiftSweep } from '../../protocol/analysis-types';

const percent = (fraction: number) => `${Math.round(fraction * 100)}%`;

/** In the upstream unit's row: how much of it to prune, for the rank shift of the unit below. */
export function UpstreamSlider({
  upstream,
  unit,
  sweep,
}: {
  upstream: string;
  unit: string;
  sweep: RankShiftSweep | null;
}) {
  const index = useLabStore((s) => s.selection.upstreamSparsityIndex);
  const setSelection = useLabStore((s) => s.setSelection);
  const loading = useLabStore((s) => s.sweepLoading);
  const canCompute = useLabStore((s) => s.data !== null && s.activeRunId === null);
  if (!sweep) {
    return (
      <div className="inline-shift" data-testid="inline-slider-pending">
        <button type="button" disabled={loading || !canCompute} onClick={() => void computeSweep()}>
          {loading
            ? `Measuring ${unit} with ${upstream} pruned…`
            : `Prune ${upstream} and re-rank ${unit}`}
        </button>
      </div>
    );
  }
  const point = sweep.points[Math.min(index, sweep.points.length - 1)];
  return (
    <label className="inline-shift" data-testid="inline-slider-row">
      <span>
        Prune this unit by <output data-testid="inline-sparsity">{percent(point.sparsity)}</output>{' '}
        and watch {unit}'s ranking below:
      </span>
      <input
        type="range"
        data-testid="inline-slider"
        min={0}
        max={sweep.points.length - 1}
        step={1}
        value={index}
        aria-valuetext={percent(point.sparsity)}
        onChange={(e) => setSelection({ upstreamSparsityIndex: Number(e.target.value) })}
      />
    </label>
  );
}

/** In the selected unit's row: how far its ranking moved (method.md §8's three numbers). */
export function ShiftReadout({
  sweep,
  upstream,
}: {
  sweep: RankShiftSweep | null;
  upstream: string;
}) {
  const index = useLabStore((s) => s.selection.upstreamSparsityIndex);
  const error = useLabStore((s) => s.sweepError);
  if (!sweep) {
    return (
      <p className="inline-shift muted" data-testid="inline-readout-pending">
        {error ?? `Select a sparsity for ${upstream} above to see this unit's channels re-rank.`}
      </p>
    );
  }
  const point = sweep.points[Math.min(index, sweep.points.length - 1)];
  const n = sweep.denseImportance.length;
  return (
    <dl className="inline-shift shift-readout" data-testid="inline-readout">
      <dt title="1 = same order, 0 = unrelated, −1 = reversed">Rank agreement (Kendall τ)</dt>
      <dd data-testid="inline-tau" data-value={point.kendallTau}>
        {point.kendallTau.toFixed(2)}
      </dd>
      <dt title="Edits to turn one ranking into the other">Moves (Levenshtein)</dt>
      <dd data-testid="inline-lev" data-value={point.levenshtein}>
        {point.levenshtein} of {n}
      </dd>
      <dt title="Channels kept under both rankings at the target sparsity">Same channels kept</dt>
      <dd data-testid="inline-overlap" data-value={point.keptOverlap}>
        {percent(point.keptOverlap)}
      </dd>
      <dt className="shift-swap-key">
        <span className="legend-swatch mark-swapped-key" aria-hidden="true" /> red
      </dt>
      <dd className="shift-swap-text">kept ↔ pruned swapped by the shift</dd>
    </dl>
  );
}
