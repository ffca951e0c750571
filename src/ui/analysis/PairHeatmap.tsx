import type { PairShiftRow } from '../../protocol/analysis-types';
import { ChartFrame } from './ChartFrame';

const SPARSITIES = ['0.25', '0.5', '0.75'];

/** τ in [−1, 1] as a colour: 1 = unchanged ranking (light), lower = more reshuffled (dark). */
function cellColour(tau: number): string {
  const t = Math.max(0, Math.min(1, (1 - tau) / 2));
  return `hsl(${210 - 190 * t}, 70%, ${92 - 50 * t}%)`;
}

export function PairHeatmap({ pairs }: { pairs: PairShiftRow[] }) {
  const table = {
    columns: ['upstream → unit', ...SPARSITIES.map((s) => `τ @ ${Number(s) * 100}%`)],
    rows: pairs.map((p) => [
      `${p.upstream} → ${p.unit}`,
      ...SPARSITIES.map((s) => p.kendallTau[s]?.toFixed(3) ?? '—'),
    ]),
  };
  return (
    <ChartFrame title="Kendall's τ for consecutive unit pairs" testId="pair-heatmap" table={table}>
      <div
        className="heatmap"
        role="img"
        aria-label="Heatmap of τ per unit pair and upstream sparsity"
        style={{ gridTemplateColumns: `auto repeat(${SPARSITIES.length}, 1fr)` }}
      >
        <span />
        {SPARSITIES.map((s) => (
          <span key={s} className="heatmap-head">
            {Number(s) * 100}%
          </span>
        ))}
        {pairs.map((p) => (
          <div key={p.unit} className="heatmap-row">
            <span className="heatmap-head">
              {p.upstream} → {p.unit}
            </span>
            {SPARSITIES.map((s) => {
              const tau = p.kendallTau[s];
              return (
                <span
                  key={s}
                  className="heatmap-cell"
                  style={{ background: tau === undefined ? 'transparent' : cellColour(tau) }}
                  data-tau={tau}
                >
                  {tau === undefined ? '—' : tau.toFixed(2)}
                </span>
              );
            })}
          </div>
        ))}
      </div>
    </ChartFrame>
  );
}
