/** One training-progress report. Callers throttle what they forward to a UI. */
export interface ProgressEvent {
  /** What is running, e.g. 'fine-tune' or 'layerwise'. */
  phase: string;
  /** Steps completed so far (1 after the first step; totalSteps at the end). */
  step: number;
  totalSteps: number;
  /** Loss of the step just completed. */
  loss: number;
  /** The unit (layer group) being pruned in this step, when a schedule says so. */
  unit?: string;
  elapsedMs: number;
  /** Remaining time estimated from the mean step time so far. */
  etaMs: number;
}

export function progressEvent(
  phase: string,
  step: number,
  totalSteps: number,
  loss: number,
  elapsedMs: number,
  unit?: string,
): ProgressEvent {
  const etaMs = step > 0 ? (elapsedMs / step) * (totalSteps - step) : 0;
  return {
    phase,
    step,
    totalSteps,
    loss,
    elapsedMs,
    etaMs,
    ...(unit === undefined ? {} : { unit }),
  };
}
