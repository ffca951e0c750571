import type { Histogram } from '../../protocol/analysis-types';

const W = 120;
const H = 36;
/** Grid lines beyond this many would be a solid block; draw every k-th instead. */
const MAX_GRID_LINES = 24;

/** A small bar histogram with an optional cut line and quantization grid (light SVG). */
export function MiniHistogram({
  h,
  label,
  cut,
  gridStep,
}: {
  h: Histogram;
  label: string;
  cut?: number | null;
  gridStep?: number | null;
}) {
  const max = Math.max(1, ...h.counts);
  const span = h.hi - h.lo || 1;
  const xOf = (v: number) => ((v - h.lo) / span) * W;
  const barW = W / h.counts.length;
  const grid: number[] = [];
  if (gridStep && gridStep > 0) {
    const first = Math.ceil(h.lo / gridStep);
    const last = Math.floor(h.hi / gridStep);
    const every = Math.max(1, Math.ceil((last - first + 1) / MAX_GRID_LINES));
    for (let q = first; q <= last; q += every) grid.push(q * gridStep);
  }
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      width={W}
      height={H}
      role="img"
      aria-label={label}
      className="mini-hist"
    >
      <title>{label}</title>
      {grid.map((g) => (
        <line key={g} x1={xOf(g)} x2={xOf(g)} y1={0} y2={H} className="hist-grid" />
      ))}
      {h.counts.map((c, i) => (
        <rect
          key={i}
          x={i * barW}
          y={H - (c / max) * H}
          width={Math.max(1, barW - 0.5)}
          height={(c / max) * H}
          className="hist-bar"
        />
      ))}
      {cut !== undefined && cut !== null && (
        <line x1={xOf(cut)} x2={xOf(cut)} y1={0} y2={H} className="hist-cut" />
      )}
    </svg>
  );
}
