import { memo } from 'react';
import type { RankShiftSweep } from '../../protocol/analysis-types';
import { ChartFrame } from './ChartFrame';
import { linearScale } from './chart-geometry';

const W = 420;
const H = 200;
const PAD = { left: 34, right: 12, top: 12, bottom: 28 };

const SERIES = [
  { key: 'kendallTau', label: "Kendall's τ", className: 'series-tau' },
  { key: 'levenshteinNormalized', label: 'Levenshtein / n', className: 'series-lev' },
  { key: 'keptOverlap', label: 'kept-set overlap', className: 'series-overlap' },
] as const;

/** τ, normalised Levenshtein and kept-set overlap vs U's sparsity (y from −1 to 1). */
export const MetricLines = memo(function MetricLines({
  sweep,
  index,
}: {
  sweep: RankShiftSweep;
  index: number;
}) {
  const x = linearScale([0, 0.9], [PAD.left, W - PAD.right]);
  const y = linearScale([-1, 1], [H - PAD.bottom, PAD.top]);
  const table = {
    columns: ['upstream sparsity', ...SERIES.map((s) => s.label)],
    rows: sweep.points.map((p) => [
      p.sparsity.toFixed(1),
      ...SERIES.map((s) => p[s.key].toFixed(3)),
    ]),
  };
  return (
    <ChartFrame title="Rank agreement vs upstream sparsity" testId="metric-lines" table={table}>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label="Line chart of rank metrics"
        className="chart-svg"
      >
        {[-1, 0, 1].map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} className="chart-grid" />
            <text x={4} y={y(v) + 3} className="chart-label">
              {v}
            </text>
          </g>
        ))}
        <line
          x1={x(sweep.points[index].sparsity)}
          x2={x(sweep.points[index].sparsity)}
          y1={PAD.top}
          y2={H - PAD.bottom}
          className="chart-cursor"
        />
        {SERIES.map((s) => (
          <polyline
            key={s.key}
            className={s.className}
            fill="none"
            points={sweep.points.map((p) => `${x(p.sparsity)},${y(p[s.key])}`).join(' ')}
          />
        ))}
        {sweep.points.map((p) => (
          <text
            key={p.sparsity}
            x={x(p.sparsity)}
            y={H - 10}
            textAnchor="middle"
            className="chart-label"
          >
            {Math.round(p.sparsity * 100)}
          </text>
        ))}
      </svg>
      <p className="chart-legend">
        {SERIES.map((s) => (
          <span key={s.key} className={`legend-${s.className}`}>
            ― {s.label}{' '}
          </span>
        ))}
      </p>
    </ChartFrame>
  );
});
