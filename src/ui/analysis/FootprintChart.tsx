import { forwardRef, memo, useState } from 'react';
import type { FootprintAxis } from '../../store/analysis-slice';
import { bitLabel } from '../../store/pipeline-settings';
import { formatMetric } from '../format';
import { extent, logScale, logTicks, linearScale } from './chart-geometry';
import { AXIS_LABELS, type FootprintPoint } from './footprint-points';

const W = 560;
const H = 300;
const PAD = { left: 56, right: 16, top: 14, bottom: 40 };

export const METHOD_COLOURS: Record<string, string> = {
  dense: '#111111',
  layerwise: '#1f77b4',
  oneshot: '#ff7f0e',
  stepwise: '#2ca02c',
  'weight-l1-layerwise': '#9467bd',
  'weight-l1-oneshot': '#8c564b',
  random: '#d62728',
};

/** Marker per weight bit width: fp32 circle, 8 square, 4 triangle, 2 diamond. */
function Marker({ p, cx, cy }: { p: FootprintPoint; cx: number; cy: number }) {
  const r = p.id === 'dense' ? 8 : 6;
  if (p.wbits === 8) return <rect x={cx - r} y={cy - r} width={2 * r} height={2 * r} />;
  if (p.wbits === 4)
    return <polygon points={`${cx},${cy - r - 1} ${cx + r},${cy + r} ${cx - r},${cy + r}`} />;
  if (p.wbits === 2)
    return (
      <polygon
        points={`${cx},${cy - r - 1} ${cx + r + 1},${cy} ${cx},${cy + r + 1} ${cx - r - 1},${cy}`}
      />
    );
  return <circle cx={cx} cy={cy} r={r} />;
}

export function describePoint(p: FootprintPoint, axis: FootprintAxis): string {
  const what = p.run
    ? `${p.method}, ${Math.round(p.run.settings.sparsity * 100)}% sparsity, W${bitLabel(p.run.settings.wbits)} A${bitLabel(p.run.settings.abits)}`
    : 'dense model (fp32)';
  return `${what}: ${formatMetric(p.metric, p.y)}, ${Math.round(p.x).toLocaleString('en-US')} ${AXIS_LABELS[axis]}`;
}

interface Props {
  points: FootprintPoint[];
  front: Set<string>;
  axis: FootprintAxis;
  selectedId: string | null;
  onSelect: (id: string) => void;
}

/** Accuracy (y) vs memory (x, log scale); the Pareto front is a line, dominated points fade. */
export const FootprintChart = memo(
  forwardRef<SVGSVGElement, Props>(function FootprintChart(
    { points, front, axis, selectedId, onSelect },
    ref,
  ) {
    const [hover, setHover] = useState<string | null>(null);
    const xs = points.map((p) => p.x);
    const [xlo, xhi] = [Math.min(...xs) / 1.5, Math.max(...xs) * 1.5];
    const x = logScale([xlo, xhi], [PAD.left, W - PAD.right]);
    const [padLo, padHi] = extent(
      points.map((p) => p.y),
      0.15,
    );
    // Accuracy lives in [0, 1]: padding must not label the axis 111% or −1%.
    const [ylo, yhi] =
      points[0].metric !== 'psnr' ? [Math.max(0, padLo), Math.min(1, padHi)] : [padLo, padHi];
    const y = linearScale([ylo, yhi], [H - PAD.bottom, PAD.top]);
    const frontPoints = points.filter((p) => front.has(p.id)).sort((a, b) => a.x - b.x);
    const hovered = points.find((p) => p.id === hover);
    return (
      <div className="footprint-chart">
        <svg
          ref={ref}
          viewBox={`0 0 ${W} ${H}`}
          className="chart-svg"
          role="group"
          aria-label={`Metric vs ${AXIS_LABELS[axis]}`}
          data-testid="footprint-svg"
        >
          {logTicks(xlo, xhi)
            .filter((t) => t >= xlo && t <= xhi)
            .map((t) => (
              <g key={t}>
                <line x1={x(t)} x2={x(t)} y1={PAD.top} y2={H - PAD.bottom} className="chart-grid" />
                <text x={x(t)} y={H - PAD.bottom + 14} textAnchor="middle" className="chart-label">
                  {t.toExponential(0)}
                </text>
              </g>
            ))}
          {[ylo, (ylo + yhi) / 2, yhi].map((v) => (
            <text key={v} x={PAD.left - 4} y={y(v) + 3} textAnchor="end" className="chart-label">
              {formatMetric(points[0].metric, v)}
            </text>
          ))}
          <text x={(W + PAD.left) / 2} y={H - 6} textAnchor="middle" className="chart-label">
            {AXIS_LABELS[axis]} (log scale)
          </text>
          <polyline
            data-testid="pareto-front"
            className="pareto-line"
            fill="none"
            points={frontPoints.map((p) => `${x(p.x)},${y(p.y)}`).join(' ')}
          />
          {points.map((p) => (
            <g
              key={p.id}
              data-testid="footprint-point"
              data-run={p.id}
              data-front={front.has(p.id)}
              className={`footprint-point${front.has(p.id) ? '' : ' dominated'}${p.id === selectedId ? ' selected' : ''}`}
              style={{
                fill: METHOD_COLOURS[p.method] ?? '#555',
                stroke: METHOD_COLOURS[p.method] ?? '#555',
              }}
              tabIndex={0}
              role="button"
              aria-label={describePoint(p, axis)}
              onMouseEnter={() => setHover(p.id)}
              onMouseLeave={() => setHover(null)}
              onFocus={() => setHover(p.id)}
              onBlur={() => setHover(null)}
              onClick={() => onSelect(p.id)}
              onKeyDown={(e) =>
                (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), onSelect(p.id))
              }
            >
              <title>{describePoint(p, axis)}</title>
              <Marker p={p} cx={x(p.x)} cy={y(p.y)} />
            </g>
          ))}
        </svg>
        {hovered && (
          <div className="chart-tooltip" role="status" data-testid="footprint-tooltip">
            {describePoint(hovered, axis)}
          </div>
        )}
      </div>
    );
  }),
);
