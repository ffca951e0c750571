import { useEffect, useState, type KeyboardEvent } from 'react';
import { useLabStore } from '../../store/store';
import { replayFrames } from './replay-frames';

const FRAME_MS = 700;

/** Steps through the last (or selected) run's layerwise sweep, unit by unit. */
export function ReplayPanel() {
  const run = useLabStore(
    (s) => s.storedRuns.find((r) => r.runId === s.selectedRunId) ?? s.storedRuns[0],
  );
  const frames = replayFrames(run?.report.trace ?? []);
  const [index, setIndex] = useState(0);
  const [playing, setPlaying] = useState(false);
  const last = frames.length - 1;
  const at = Math.min(index, Math.max(0, last));
  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(
      () => setIndex((i) => (i >= last ? (setPlaying(false), i) : i + 1)),
      FRAME_MS,
    );
    return () => clearInterval(timer);
  }, [playing, last]);
  if (!run || frames.length === 0) return null;
  const frame = frames[at];
  const onKey = (e: KeyboardEvent) => {
    if (e.key === ' ') setPlaying((p) => !p);
    else if (e.key === 'ArrowRight') setIndex(Math.min(last, at + 1));
    else if (e.key === 'ArrowLeft') setIndex(Math.max(0, at - 1));
    else return;
    e.preventDefault();
  };
  return (
    <section
      className="panel panel-replay"
      aria-labelledby="panel-replay-title"
      data-testid="replay-panel"
      tabIndex={0}
      onKeyDown={onKey}
    >
      <h2 id="panel-replay-title">Replay of run {run.runId}</h2>
      <p className="muted">Space: play/pause · ←/→: step (focus this panel first).</p>
      <div className="form-row">
        <button
          type="button"
          data-testid="replay-play"
          onClick={() => setPlaying((p) => !p)}
          aria-pressed={playing}
        >
          {playing ? 'Pause' : 'Play'}
        </button>
        <input
          type="range"
          min={0}
          max={last}
          value={at}
          aria-label="Replay position"
          data-testid="replay-scrub"
          onChange={(e) => setIndex(Number(e.target.value))}
        />
        <output data-testid="replay-step">step {frame.step}</output>
      </div>
      <ol className="unit-strip replay-strip" aria-live="polite">
        {Object.keys(frames[last].phases).map((g) => (
          <li
            key={g}
            data-phase={frame.phases[g] ?? 'dense'}
            className={g === frame.active ? 'active' : undefined}
          >
            {g}: {frame.phases[g] ?? 'dense'}
            {frame.phases[g] === 'frozen' && run.keptChannels[g] !== undefined
              ? ` (${run.keptChannels[g]} kept)`
              : ''}
          </li>
        ))}
      </ol>
    </section>
  );
}
