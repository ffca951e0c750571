/**
 * Repetition timing for the benches: warm-up runs are discarded, then `reps` timed runs give
 * the median and the spread (min, max, and the relative half-range). Each run must finish its
 * work (read a value back) before it returns, or the clock would measure only the dispatch.
 */
export interface Timing {
  medianMs: number;
  minMs: number;
  maxMs: number;
  reps: number;
  /** (max − min) / 2 / median: a unitless spread, 0 when all runs took the same time. */
  relSpread: number;
}

export interface TimingPlan {
  warmup: number;
  reps: number;
}

export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function summarizeTimes(timesMs: number[]): Timing {
  const med = median(timesMs);
  const minMs = Math.min(...timesMs);
  const maxMs = Math.max(...timesMs);
  return {
    medianMs: med,
    minMs,
    maxMs,
    reps: timesMs.length,
    relSpread: med > 0 ? (maxMs - minMs) / 2 / med : 0,
  };
}

const now = (): number => performance.now();

export async function timeRuns(
  plan: TimingPlan,
  run: () => unknown | Promise<unknown>,
): Promise<Timing> {
  for (let i = 0; i < plan.warmup; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < plan.reps; i++) {
    const t0 = now();
    await run();
    times.push(now() - t0);
  }
  return summarizeTimes(times);
}

/** Mean and sample standard deviation (0 for a single value). */
export function meanStd(values: number[]): { mean: number; std: number; n: number } {
  const n = values.length;
  if (n === 0) return { mean: NaN, std: NaN, n };
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const variance = n > 1 ? values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1) : 0;
  return { mean, std: Math.sqrt(variance), n };
}
