import type { TraceEntry } from '../../protocol/engine-types';

/** Frames of a run replay: each group's phase after each traced step of the layerwise sweep. */
export type { TraceEntry };

export interface ReplayFrame {
  step: number;
  phases: Record<string, string>;
  /** The group whose phase changed at this step (the one the sweep is on). */
  active: string;
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
