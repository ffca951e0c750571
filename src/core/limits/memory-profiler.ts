import * as tf from '@tensorflow/tfjs';

/**
 * Peak tensor bytes of a piece of work, split by phase: `tf.profile` records `numBytes` after
 * every kernel; the work calls `mark(phase)` when it enters a phase (e.g. from a progress
 * event), and each kernel's snapshot counts for the phase in force when it ran. Bytes are what
 * tfjs tracks (every live tensor, weights included): the wasm heap can only be larger. Slow
 * (profiling times every kernel): for tests and calibration, never for a user's run.
 */
export interface PeakProfile<T> {
  result: T;
  /** Tensor bytes alive before the work started. */
  startBytes: number;
  peakBytes: number;
  /** Phase → peak bytes while it ran ('start' before the first mark). */
  byPhase: Record<string, number>;
}

interface KernelRecord {
  totalBytesSnapshot: number;
}

function liveKernelCount(): number {
  // The engine's profile is filled as kernels run; its length tells where a phase begins.
  const state = tf.engine().state as unknown as { activeProfile: { kernels: KernelRecord[] } };
  return state.activeProfile.kernels.length;
}

export async function profilePeakBytes<T>(
  work: (mark: (phase: string) => void) => Promise<T> | T,
): Promise<PeakProfile<T>> {
  const startBytes = tf.memory().numBytes;
  const marks: { phase: string; from: number }[] = [{ phase: 'start', from: 0 }];
  const mark = (phase: string) => {
    if (marks[marks.length - 1].phase !== phase) marks.push({ phase, from: liveKernelCount() });
  };
  let result!: T;
  const info = await tf.profile(async () => {
    result = await work(mark);
  });
  // tf.profile returns the engine's one profile object: copy what we need before another runs.
  const kernels = info.kernels.map((k) => k.totalBytesSnapshot);
  const byPhase: Record<string, number> = {};
  marks.forEach(({ phase, from }, i) => {
    const to = i + 1 < marks.length ? marks[i + 1].from : kernels.length;
    for (let k = from; k < to; k++) byPhase[phase] = Math.max(byPhase[phase] ?? 0, kernels[k]);
  });
  const peakBytes = Math.max(startBytes, ...kernels);
  return { result, startBytes, peakBytes, byPhase };
}
