import { memo, useEffect, useRef, useState } from 'react';
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { useLabStore } from '../../store/store';
import type { LossPoint } from '../../store/run-slice';
import { LiveLossLine } from './LiveLossLine';

const HEIGHT_PX = 160;

/**
 * The training loss of the active (or last) run as a plain SVG line. The Recharts chart
 * (axes, grid, tooltip) is mounted only on request after the run: its synchronous render
 * measured 240–330 ms on a loaded 2-core machine, which would be a main-thread long task.
 */
export function LossChart() {
  const live = useLabStore((s) => s.activeRunId !== null);
  const [detailed, setDetailed] = useState(false);
  const points = useLabStore((s) => s.lossPoints);
  const box = useRef<HTMLDivElement>(null);
  const [widthPx, setWidthPx] = useState(0);
  useEffect(() => {
    const measure = () => setWidthPx(box.current?.clientWidth ?? 0);
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, []);
  return (
    <div ref={box}>
      {points.length >= 2 && widthPx > 0 && (
        <figure className="loss-chart" data-testid="loss-chart">
          <figcaption>Training loss</figcaption>
          {live || !detailed ? (
            <LiveLossLine points={points} widthPx={widthPx} heightPx={HEIGHT_PX} />
          ) : (
            <Chart points={points} widthPx={widthPx} />
          )}
          {!live && (
            <button type="button" className="link" onClick={() => setDetailed((d) => !d)}>
              {detailed ? 'Simple line' : 'Chart with axes'}
            </button>
          )}
        </figure>
      )}
    </div>
  );
}

const Chart = memo(function Chart({ points, widthPx }: { points: LossPoint[]; widthPx: number }) {
  return (
    <LineChart
      width={widthPx}
      height={HEIGHT_PX}
      data={points}
      margin={{ top: 4, right: 12, bottom: 4, left: 0 }}
    >
      <CartesianGrid strokeDasharray="3 3" />
      <XAxis dataKey="step" type="number" domain={['dataMin', 'dataMax']} tick={{ fontSize: 11 }} />
      <YAxis tick={{ fontSize: 11 }} width={44} domain={['auto', 'auto']} />
      <Tooltip formatter={(v) => (typeof v === 'number' ? v.toFixed(4) : String(v))} />
      <Line
        type="linear"
        dataKey="loss"
        stroke="var(--color-accent)"
        dot={false}
        isAnimationActive={false}
      />
    </LineChart>
  );
});
