import { memo } from 'react';
import type { RankShiftSweep } from '../../protocol/analysis-types';
import { ChartFrame } from './ChartFrame';
import { linearScale } from './chart-geometry';
import { keptAt, ranksOf } from './rank-reading';

const W = 420;
const H = 240;
const PAD = { left: 34, right: 40, top: 12, bottom: 28 };
/** L's top channels by dense importance that get a line. */
export const BUMP_CHANNELS = 12;

/**
 * L's top channels' ranks across U's sparsities. Lines are coloured by whether the channel is
 * kept at L's target sparsity at the slider's position; the slider's column is marked.
 */
export const BumpChart = memo(function BumpChart({
  sweep,
  index,
}: {
  sweep: RankShiftSweep;
  index: number;
}) {
  const n = sweep.denseImportance.length;
  const top = ranksOf(sweep.denseImportance).slice(0, Math.min(BUMP_CHANNELS, n));
  const rankTables = sweep.points.map((p) => ranksOf(p.importance));
  const positionOf = rankTables.map((order) => {
    const pos = new Map<number, number>();
    order.forEach((c, r) => pos.set(c, r));
    return pos;
  });
  const maxRank = Math.max(
    BUMP_CHANNELS,
    ...top.flatMap((c) => positionOf.map((p) => p.get(c)! + 1)),
  );
  const x = linearScale([0, sweep.points.length - 1], [PAD.left, W - PAD.right]);
  const y = linearScale([1, maxRank], [PAD.top, H - PAD.bottom]);
  const kept = keptAt(sweep.points[index].importance, sweep.targetSparsity);
  const table = {
    columns: ['channel', ...sweep.points.map((p) => `rank @ ${Math.round(p.sparsity * 100)}%`)],
    rows: top.map((c) => [c, ...positionOf.map((p) => p.get(c)! + 1)]),
  };
  return (
    <ChartFrame
      title={`Ranks of ${sweep.unit}'s top channels vs ${sweep.upstream}'s sparsity`}
      testId="bump-chart"
      table={table}
    >
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label="Bump chart of channel ranks"
        data-sparsity={sweep.points[index].sparsity}
        className="chart-svg"
      >
        <line
          x1={x(index)}
          x2={x(index)}
          y1={PAD.top - 6}
          y2={H - PAD.bottom}
          className="chart-cursor"
          data-testid="bump-cursor"
        />
        {top.map((c) => {
          const pts = positionOf.map((p, i) => `${x(i)},${y(p.get(c)! + 1)}`).join(' ');
          const isKept = kept.has(c);
          return (
            <g
              key={c}
              className={isKept ? 'bump-kept' : 'bump-pruned'}
              data-channel={c}
              data-kept={isKept}
            >
              <polyline points={pts} fill="none" />
              <text
                x={W - PAD.right + 4}
                y={y(positionOf[positionOf.length - 1].get(c)! + 1) + 3}
                className="chart-label"
              >
                ch{c}
              </text>
            </g>
          );
        })}
        {sweep.points.map((p, i) => (
          <text key={i} x={x(i)} y={H - 10} textAnchor="middle" className="chart-label">
            {Math.round(p.sparsity * 100)}
          </text>
        ))}
        <text x={4} y={y(1) + 3} className="chart-label">
          #1
        </text>
        <text x={4} y={y(maxRank) + 3} className="chart-label">
          #{maxRank}
        </text>
      </svg>
      <p className="chart-legend">
        <span className="legend-kept">kept</span> / <span className="legend-pruned">pruned</span> at{' '}
        {sweep.unit}'s target of {Math.round(sweep.targetSparsity * 100)}% (x: {sweep.upstream}'s
        sparsity, %)
      </p>
    </ChartFrame>
  );
});
