import { memo } from 'react';
import { useLabStore } from '../../store/store';
import type { CompressMethod } from '../../protocol/page-core';
import type { ModelSummary } from '../../protocol/engine-types';
import { plainLayerName, type NetworkLayout } from './network-layout';
import type { RunView } from './run-view';

/** What the schedule does, in one plain sentence (so one-shot and stepwise read differently). */
const SCHEDULE_TEXT: Record<CompressMethod, string> = {
  layerwise:
    'Layerwise: one unit at a time from the input; each is measured after the units above it are already pruned.',
  oneshot:
    'One-shot: every unit is measured at once on the unpruned network, then all are cut together.',
  'oneshot-early':
    'Early one-shot: every unit is measured at once on the unpruned network, and all are cut at the start of pruning (a control).',
  stepwise: 'Stepwise: every unit loses a few more of its smallest-weight channels at each step.',
  'weight-l1-layerwise': 'Layerwise by weight size: one unit at a time, ranked by its weights.',
  'weight-l1-oneshot': 'One-shot by weight size: every unit ranked by its weights, cut together.',
  random: 'Random: channels are removed at random, one unit at a time (a baseline).',
};

const LEGEND = [
  ['kept', 'kept'],
  ['measuring', 'being measured'],
  ['pruned', 'pruned'],
  ['frozen', 'kept for good'],
] as const;

interface ToolbarProps {
  model: ModelSummary;
  layout: NetworkLayout;
  view: RunView;
  onJump: (row: number) => void;
}

function prunedTotal(view: RunView, model: ModelSummary): number {
  let pruned = 0;
  for (const u of model.units) {
    const kept = view.kept[u.groupId];
    if (kept && view.phases[u.groupId] !== 'measuring') pruned += u.channels - kept.length;
  }
  return pruned;
}

/** Legend, schedule, totals and a jump list (a 50-unit model does not fit one screen). */
export const NetworkToolbar = memo(function NetworkToolbar({
  model,
  layout,
  view,
  onJump,
}: ToolbarProps) {
  const method = useLabStore((s) => s.settings.method);
  const input = layout.inputLayers.map((l) => plainLayerName(l.className)).join(' → ') || 'input';
  return (
    <div className="network-toolbar">
      <p className="network-caption">
        Each bar is one channel: taller means more important. The image enters at the top ({input},{' '}
        {model.inputShape.join('×')}); the answer comes out at the bottom. Select a unit to see how
        pruning the unit above it reshuffles its ranking.
      </p>
      <ul className="network-legend" aria-label="Channel states">
        {LEGEND.map(([state, text]) => (
          <li key={state}>
            <span className={`legend-swatch mark-${state}`} aria-hidden="true" /> {text}
          </li>
        ))}
        <li>
          <span className="legend-swatch legend-skip" aria-hidden="true" /> skip connection
        </li>
      </ul>
      <p className="network-caption" data-testid="network-schedule">
        {SCHEDULE_TEXT[method]}
      </p>
      <p className="network-totals" data-testid="network-totals">
        {layout.rows.length} units · {model.channels.toLocaleString('en')} channels ·{' '}
        {prunedTotal(view, model).toLocaleString('en')} pruned
      </p>
      <label className="network-jump">
        Go to unit{' '}
        <select
          data-testid="network-jump"
          value=""
          onChange={(e) => e.target.value !== '' && onJump(Number(e.target.value))}
        >
          <option value="">…</option>
          {layout.rows.map((r, i) => (
            <option key={r.unitId} value={i}>
              {r.unitId}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
});
