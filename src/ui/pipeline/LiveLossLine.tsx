import type { LossPoint } from '../../store/run-slice';

/**
 * The loss curve while a run streams progress: one SVG path, cheap enough to redraw on
 * every progress event (Recharts renders synchronously and costs a long task per update
 * on a busy CPU). Recharts takes over once the run ends.
 */
export function LiveLossLine({
  points,
  widthPx,
  heightPx,
}: {
  points: LossPoint[];
  widthPx: number;
  heightPx: number;
}) {
  const pad = 6;
  const steps = points.map((p) => p.step);
  const losses = points.map((p) => p.loss);
  const [x0, x1] = [Math.min(...steps), Math.max(...steps)];
  const [y0, y1] = [Math.min(...losses), Math.max(...losses)];
  const sx = (x: number) => pad + ((x - x0) / Math.max(1e-9, x1 - x0)) * (widthPx - 2 * pad);
  const sy = (y: number) =>
    heightPx - pad - ((y - y0) / Math.max(1e-9, y1 - y0)) * (heightPx - 2 * pad);
  const d = points
    .map((p, i) => `${i === 0 ? 'M' : 'L'}${sx(p.step).toFixed(1)},${sy(p.loss).toFixed(1)}`)
    .join('');
  const last = points[points.length - 1];
  return (
    <svg
      width={widthPx}
      height={heightPx}
      role="img"
      aria-label={`Loss ${last.loss.toFixed(4)} at step ${last.step}`}
    >
      <path d={d} className="loss-line" fill="none" strokeWidth={1.5} />
      <text x={widthPx - pad} y={14} textAnchor="end" className="loss-reading">
        {last.loss.toFixed(4)} @ {last.step}
      </text>
    </svg>
  );
}
