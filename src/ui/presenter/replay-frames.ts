/** Frames of a run replay: each group's phase after each traced step of the layerwise sweep. */
export interface TraceEntry {
  groupId: string;
  phase: string;
  step: number;
}

export interface ReplayFrame {
  step: number;
  phases: Record<string, string>;
  /** The group whose phase changed at this step (the one the sweep is on). */
  active: string;
}

export function traceOf(report: unknown): TraceEntry[] {
  const trace = (report as { trace?: unknown } | null)?.trace;
  if (!Array.isArray(trace)) return [];
  return trace.filter(
    (t): t is TraceEntry =>
      typeof t?.groupId === 'string' && typeof t?.phase === 'string' && typeof t?.step === 'number',
  );
}

export function replayFrames(trace: readonly TraceEntry[]): ReplayFrame[] {
  const frames: ReplayFrame[] = [];
  const phases: Record<string, string> = {};
  for (const t of [...trace].sort((a, b) => a.step - b.step)) {
    phases[t.groupId] = t.phase;
    frames.push({ step: t.step, phases: { ...phases }, active: t.groupId });
  }
  return frames;
}
