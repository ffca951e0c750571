import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { computeSweep, resolveRankUnits } from '../../store/analysis-actions';
import { useLabStore } from '../../store/store';
import type { ModelSummary } from '../../protocol/engine-types';
import { ShiftReadout, UpstreamSlider } from './InlineRankShift';
import { GUTTER_PX, LinkGutter } from './LinkGutter';
import { rowHeightPx, rowOffsets, visibleRows } from './mark-geometry';
import { buildNetworkLayout } from './network-layout';
import { NetworkToolbar } from './NetworkToolbar';
import { swappedChannels } from './rank-in-place';
import { bitsLabel } from './run-view';
import { UnitRowView } from './UnitRowView';
import { useRunView } from './use-run-view';
import { useScrollWindow, type RangeKey } from './use-scroll-window';
import './network.css';

const OVERSCAN_PX = 200;
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

/** Which units show every channel (wide ones start as a profile; the selected one is open). */
function useExpanded(selectedUnit: string | null) {
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const toggle = useCallback(
    (unitId: string) =>
      setExpanded((old) => {
        const next = new Set(old);
        if (!next.delete(unitId)) next.add(unitId);
        return next;
      }),
    [],
  );
  const isExpanded = (unitId: string) => expanded.has(unitId) || selectedUnit === unitId;
  return { expanded, toggle, isExpanded };
}

function NetworkCanvas({ model }: { model: ModelSummary }) {
  const layout = useMemo(() => buildNetworkLayout(model), [model]);
  const view = useRunView(model);
  const rangeKey = useRef<RangeKey>(() => '');
  const { ref, widthPx, viewHeightPx, scrollTopPx } = useScrollWindow(800, rangeKey);
  const rank = useRankInPlace(model);
  const onSelect = useSelectUnit(model);
  const { expanded, toggle, isExpanded } = useExpanded(rank.selectedUnit);
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
  const hasInline = (unitId: string) =>
    unitId === rank.selectedUnit || unitId === rank.active?.upstream;
  const { heights, offsets } = useMemo(() => {
    const heights = layout.rows.map((r) =>
      rowHeightPx(
        r.channels,
        marksWidthPx,
        r.unitId === rank.selectedUnit || r.unitId === rank.active?.upstream,
        expanded.has(r.unitId) || r.unitId === rank.selectedUnit,
      ),
    );
    return { heights, offsets: rowOffsets(heights) };
  }, [layout, marksWidthPx, rank.selectedUnit, rank.active?.upstream, expanded]);
  const { first, last } = visibleRows(offsets, scrollTopPx, viewHeightPx, OVERSCAN_PX);
  const offsetsRef = useRef(offsets);
  useEffect(() => {
    offsetsRef.current = offsets;
    rangeKey.current = (top, height) => {
      const range = visibleRows(offsets, top, height, OVERSCAN_PX);
      return `${range.first}:${range.last}`;
    };
  }, [offsets]);
  const jumpTo = useCallback(
    (row: number) => ref.current?.scrollTo({ top: offsetsRef.current[row] }),
    [ref],
  );
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
        expanded={isExpanded(row.unitId)}
        onToggleExpand={toggle}
        shifted={rank.active?.unit === row.unitId ? rank.shifted : undefined}
        inline={hasInline(row.unitId) ? inlineFor(row.unitId) : undefined}
      />,
    );
  }
  return (
    <>
      <NetworkToolbar model={model} layout={layout} view={view} onJump={jumpTo} />
      <div
        className="network-scroller"
        ref={ref}
        data-testid="network-scroller"
        tabIndex={0}
        style={{ height: offsets[offsets.length - 1] + 2 }}
      >
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
