import { memo, useMemo, type ReactNode } from 'react';
import { ChannelMarks } from './ChannelMarks';
import { ChannelSummary } from './ChannelSummary';
import { COLLAPSE_ABOVE_CHANNELS } from './mark-geometry';
import { countStates, unitMarks, type UnitPhase } from './channel-states';
import { plainLayerName, type LayerChip, type UnitRow } from './network-layout';

const PHASE_TEXT: Record<UnitPhase, string> = {
  dense: 'not pruned yet',
  measuring: 'measuring importance…',
  masked: 'pruning (mask may still change)',
  frozen: 'done: mask frozen',
};

const NO_SWAPS: ReadonlySet<number> = new Set();

export interface UnitRowProps {
  row: UnitRow;
  topPx: number;
  heightPx: number;
  widthPx: number;
  phase: UnitPhase;
  scores: number[] | undefined;
  kept: number[] | undefined;
  bitsText: string;
  quantized: boolean;
  quantizing: boolean;
  selected: boolean;
  onSelect: (unitId: string) => void;
  /** Wide units show a ranked profile until expanded. */
  expanded: boolean;
  onToggleExpand: (unitId: string) => void;
  /** Rank shift: the selected unit's importance with its upstream unit pruned. */
  shifted?: { importance: number[]; swapped: ReadonlySet<number> };
  inline?: ReactNode;
}

function chipText(chip: LayerChip): string {
  const name = plainLayerName(chip.className);
  return chip.activation ? `${name} + ${chip.activation}` : name;
}

function LayerChips({ layers }: { layers: LayerChip[] }) {
  return (
    <ol className="layer-chips" aria-label="Layers">
      {layers.map((chip) => (
        <li
          key={chip.name}
          className={`layer-chip layer-${chip.kind}`}
          title={`${chip.name} (${chip.className})`}
        >
          {chipText(chip)}
        </li>
      ))}
    </ol>
  );
}

function CoupledTag({ row }: { row: UnitRow }) {
  if (row.groupSize < 2) return null;
  return (
    <span
      className="coupled-tag"
      data-coupled={row.coupledIndex % 6}
      title="Channels joined by an Add: these units must keep the same channels."
    >
      linked ×{row.groupSize} ({row.groupId})
    </span>
  );
}

/** One unit: its layers, its state, its bits, and a bar per channel. */
export const UnitRowView = memo(function UnitRowView(props: UnitRowProps) {
  const { row, phase, scores, kept, shifted } = props;
  const marks = useMemo(
    () => unitMarks(row.channels, phase, shifted?.importance ?? scores ?? null, kept ?? null),
    [row.channels, phase, scores, kept, shifted],
  );
  const counts = countStates(marks.states);
  const keptText =
    counts.pruned > 0
      ? `${row.channels - counts.pruned} of ${row.channels} kept`
      : `${row.channels} channels`;
  return (
    <div
      className={`unit-row unit-row-${phase}${props.selected ? ' unit-row-selected' : ''}`}
      data-testid="network-unit"
      data-unit={row.unitId}
      data-phase={phase}
      data-coupled={row.coupledIndex >= 0 ? row.coupledIndex % 6 : undefined}
      style={{ top: props.topPx, height: props.heightPx }}
    >
      <div className="unit-head">
        <button
          type="button"
          className="unit-name"
          aria-pressed={props.selected}
          onClick={() => props.onSelect(row.unitId)}
          title="Select to see how pruning the unit above reshuffles this unit's ranking"
        >
          {row.unitId}
        </button>
        <LayerChips layers={row.layers} />
        <span className="unit-count" data-testid="unit-kept">
          {keptText}
        </span>
        <span className={`unit-phase-pill pill-${phase}`}>
          {row.prunable ? PHASE_TEXT[phase] : 'cannot be pruned'}
        </span>
        <span
          className={`bits-badge${props.quantized ? ' bits-quantized' : ''}${props.quantizing ? ' bits-quantizing' : ''}`}
          data-testid="bits-badge"
          title="Bits per weight (W) and per activation (A)"
        >
          {props.bitsText}
        </span>
        <CoupledTag row={row} />
        {row.channels > COLLAPSE_ABOVE_CHANNELS && (
          <button
            type="button"
            className="unit-expand"
            data-testid="unit-expand"
            aria-expanded={props.expanded}
            onClick={() => props.onToggleExpand(row.unitId)}
          >
            {props.expanded ? 'Show profile' : 'Show every channel'}
          </button>
        )}
      </div>
      {props.inline}
      {props.expanded || row.channels <= COLLAPSE_ABOVE_CHANNELS ? (
        <ChannelMarks
          unitId={row.unitId}
          channels={row.channels}
          marks={marks}
          widthPx={props.widthPx}
          swapped={shifted?.swapped ?? NO_SWAPS}
        />
      ) : (
        <ChannelSummary unitId={row.unitId} marks={marks} widthPx={props.widthPx} />
      )}
    </div>
  );
});
