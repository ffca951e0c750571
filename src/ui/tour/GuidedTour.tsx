import { useEffect, useRef, useState } from 'react';
import { shouldOpenTour, TOUR_STEPS, TOUR_STORAGE_KEY, type TourStep } from './tour-steps';

function safeStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function MarkRows({ step }: { step: TourStep }) {
  return (
    <div className="tour-rows" aria-hidden="true">
      {step.rows.map((row) => (
        <div className="tour-row" key={row.label}>
          <span className="tour-row-label">{row.label}</span>
          {row.marks.map((state, i) => (
            <span key={i} className={`tour-mark state-${state}`} data-state={state} />
          ))}
        </div>
      ))}
    </div>
  );
}

/** A miniature of the accuracy-vs-footprint plot: the dense model, and a better run up-left. */
function MiniPlot() {
  return (
    <svg className="tour-plot" viewBox="0 0 220 120" aria-hidden="true">
      <line x1="30" y1="100" x2="210" y2="100" className="tour-axis" />
      <line x1="30" y1="100" x2="30" y2="10" className="tour-axis" />
      <text x="120" y="117" className="tour-axis-label">
        smaller ← size → bigger
      </text>
      <text x="12" y="60" className="tour-axis-label" transform="rotate(-90 12 60)">
        accuracy
      </text>
      <circle cx="180" cy="28" r="7" className="tour-dot-dense" />
      <text x="170" y="50" className="tour-axis-label">
        dense
      </text>
      <rect x="62" y="27" width="12" height="12" className="tour-dot-run" />
      <text x="52" y="56" className="tour-axis-label">
        pruned
      </text>
    </svg>
  );
}

/** The first-visit guided tour (five cards), skippable and remembered; "Tour" reopens it. */
export function GuidedTour() {
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(() =>
    shouldOpenTour(safeStorage(), window.location.search, navigator.webdriver === true),
  );
  const [index, setIndex] = useState(0);
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  const finish = () => {
    safeStorage()?.setItem(TOUR_STORAGE_KEY, '1');
    setOpen(false);
  };
  const step = TOUR_STEPS[index];
  const last = index === TOUR_STEPS.length - 1;
  return (
    <>
      <button
        type="button"
        data-testid="tour-open"
        onClick={() => {
          setIndex(0);
          setOpen(true);
        }}
      >
        Tour
      </button>
      <dialog
        ref={dialog}
        className="tour panel"
        aria-labelledby="tour-title"
        data-testid="tour"
        onCancel={finish}
      >
        <p className="tour-count">
          Step {index + 1} of {TOUR_STEPS.length}
        </p>
        <h2 id="tour-title">{step.title}</h2>
        <p className="tour-text">{step.text}</p>
        {step.rows.length > 0 ? <MarkRows step={step} /> : <MiniPlot />}
        <div className="tour-actions">
          <button type="button" data-testid="tour-skip" onClick={finish}>
            Skip tour
          </button>
          <button
            type="button"
            disabled={index === 0}
            onClick={() => setIndex((i) => Math.max(0, i - 1))}
          >
            Back
          </button>
          <button
            type="button"
            className="primary"
            data-testid="tour-next"
            onClick={() => (last ? finish() : setIndex(index + 1))}
          >
            {last ? 'Start exploring' : 'Next'}
          </button>
        </div>
      </dialog>
    </>
  );
}
