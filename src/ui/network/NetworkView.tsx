import { useCallback, useMemo, type ReactNode } from 'react';
import { computeSweep, resolveRankUnits } from '../../store/analysis-actions';
import { useLabStore } from '../../store/store';
import type { ModelSummary } from '../../worker/engine-types';
import { ShiftReadout, UpstreamSlider } from './InlineRankShift';
import { GUTTER_PX, LinkGutter } from './LinkGutter';
import { rowHeightPx, rowOffsets, visibleRows } from './mark-geometry';
import { buildNetworkLayout } from './network-layout';
import { NetworkToolbar } from './NetworkToolbar';
import { swappedChannels } from './rank-in-place';
import { bitsLabel } from './run-view';
import { UnitRowView } from './UnitRowView';
import { useRunView } from './use-run-view';
import { useScrollWindow } from './use-scroll-window';
import './network.css';

const OVERSCAN_PX = 300;
const ROW_SIDE_PX = 28;

/** The selected unit, its upstream unit, and the sweep when it is theirs. */
function useRankInPlace(model: ModelSummary) {
  const selectedUnit = useLabStore((s) => s.selectedUnit);
  const sweep = useLabStore((s) => s.sweep);
  const index = useLabStore((s) => s.selection.upstreamSparsityIndex);
  const pair = selectedUnit ? resolveRankUnits(model, selectedUnit, null) : null;
  const active = pair && pair.unit === selectedUnit ? pair : null;
  const mine = sweep && active && sweep.unit === active.unit && sweep.upstream === active.upstream;
  const sweepHere = mine ? sweep : null;
  const shifted = useMemo(() => {
    const point = sweepHere?.points[Math.min(index, sweepHere.points.length - 1)];
    if (!sweepHere || !point) return undefined;
    const swapped = swappedChannels(
      sweepHere.denseImportance,
      point.importance,
      sweepHere.targetSparsity,
    );
    return { importance: point.importance, swapped };
  }, [sweepHere, index]);
  return { selectedUnit, active, sweepHere, shifted };
}

function useSelectUnit(model: ModelSummary) {
  return useCallback(
    (unitId: string) => {
      const store = useLabStore.getState();
      if (store.selectedUnit === unitId) return store.selectUnit(null);
      store.selectUnit(unitId);
      const pair = resolveRankUnits(model, unitId, null);
      if (!pair || pair.unit !== unitId) return;
      store.setSelection({ rankUnit: pair.unit, rankUpstream: pair.upstream });
      const { sweep, data, activeRunId } = useLabStore.getState();
      const known = sweep?.unit === pair.unit && sweep.upstream === pair.upstream;
      if (!known && data && activeRunId === null) void computeSweep();
    },
    [model],
  );
}

function NetworkCanvas({ model }: { model: ModelSummary }) {
  const layout = useMemo(() => buildNetworkLayout(model), [model]);
  const view = useRunView(model);
  const { ref, widthPx, viewHeightPx, scrollTopPx } = useScrollWindow(800);
  const rank = useRankInPlace(model);
  const onSelect = useSelectUnit(model);
  const marksWidthPx = Math.max(120, widthPx - GUTTER_PX - ROW_SIDE_PX);
  const inlineFor = (unitId: string): ReactNode => {
    if (rank.active?.upstream === unitId)
      return <UpstreamSlider upstream={unitId} unit={rank.active.unit} sweep={rank.sweepHere} />;
    if (rank.active?.unit === unitId)
      return <ShiftReadout sweep={rank.sweepHere} upstream={rank.active.upstream} />;
    if (rank.selectedUnit === unitId)
      return <p className="inline-shift muted">No prunable unit above this one to prune.</p>;
    return undefined;
  };
  const heights = layout.rows.map((r) =>
    rowHeightPx(r.channels, marksWidthPx, inlineFor(r.unitId) !== undefined),
  );
  const offsets = rowOffsets(heights);
  const { first, last } = visibleRows(offsets, scrollTopPx, viewHeightPx, OVERSCAN_PX);
  const jumpTo = (row: number) => ref.current?.scrollTo({ top: offsets[row] });
  const rows = [];
  for (let i = first; i <= last; i++) {
    const row = layout.rows[i];
    const bits = view.quantizingTo ?? view.unitBits[row.unitId];
    rows.push(
      <UnitRowView
        key={row.unitId}
        row={row}
        topPx={offsets[i]}
        heightPx={heights[i]}
        widthPx={marksWidthPx}
        phase={view.phases[row.groupId] ?? 'dense'}
        scores={view.scores[row.groupId]}
        kept={view.kept[row.groupId]}
        bitsText={bitsLabel(bits)}
        quantized={bitsLabel(bits) !== 'float32'}
        quantizing={view.quantizingTo !== null}
        selected={rank.selectedUnit === row.unitId}
        onSelect={onSelect}
        shifted={rank.active?.unit === row.unitId ? rank.shifted : undefined}
        inline={inlineFor(row.unitId)}
      />,
    );
  }
  return (
    <>
      <NetworkToolbar model={model} layout={layout} view={view} onJump={jumpTo} />
      <div className="network-scroller" ref={ref} data-testid="network-scroller" tabIndex={0}>
        <div className="network-content" style={{ height: offsets[offsets.length - 1] }}>
          <LinkGutter layout={layout} offsets={offsets} />
          {rows}
        </div>
      </div>
    </>
  );
}

/**
 * The network at the centre of the page: every prunable unit in the order the layerwise
 * schedule visits it, each channel a bar (colour = state, height = importance), live during
 * a run, with the rank shift of a selected unit drawn in place.
 */
export function NetworkView() {
  const model = useLabStore((s) => s.model);
  return (
    <section
      className="panel network-panel"
      aria-labelledby="network-title"
      data-testid="network-view"
    >
      <h2 id="network-title">The network</h2>
      {model && model.units.length > 0 ? (
        <NetworkCanvas model={model} />
      ) : (
        <p className="muted">
          {model
            ? 'This model has no convolution or dense layer whose channels could be pruned.'
            : 'Load a model: its layers and every channel will appear here.'}
        </p>
      )}
    </section>
  );
}
