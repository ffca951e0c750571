import type { StateCreator } from 'zustand';
import type {
  PipelineSettings,
  ProgressEvent,
  RunOutcome,
  TraceEvent,
  VerifyOutcome,
} from '../protocol/messages';

export interface LossPoint {
  step: number;
  loss: number;
}

export interface RunRecord {
  outcome: RunOutcome;
  settings: PipelineSettings;
  modelName: string;
  finishedAt: number;
}

/** Plotting more points than pixels only costs renders. */
export const MAX_LOSS_POINTS = 200;

export interface RunSlice {
  activeRunId: string | null;
  cancelling: boolean;
  progress: ProgressEvent | null;
  lossPoints: LossPoint[];
  groupPhases: Record<string, TraceEvent['phase']>;
  runError: string | null;
  /** Why the last run restarted (a backend lost mid-run); not an error, the run goes on. */
  runNotice: string | null;
  history: RunRecord[];
  verify: VerifyOutcome | null;
  verifyError: string | null;
  startRun: (runId: string) => void;
  setCancelling: () => void;
  applyProgress: (p: ProgressEvent) => void;
  applyTrace: (t: TraceEvent) => void;
  finishRun: (record: RunRecord) => void;
  failRun: (message: string | null) => void;
  setVerify: (v: VerifyOutcome | null, error?: string | null) => void;
  setRunNotice: (notice: string | null) => void;
}

function appendLoss(points: LossPoint[], p: ProgressEvent): LossPoint[] {
  if (p.loss === null || !Number.isFinite(p.loss)) return points;
  const next = [...points, { step: p.runStep, loss: p.loss }];
  // Halve the resolution instead of dropping the start of the curve.
  return next.length > MAX_LOSS_POINTS ? next.filter((_, i) => i % 2 === 0) : next;
}

export const createRunSlice: StateCreator<RunSlice, [], [], RunSlice> = (set) => ({
  activeRunId: null,
  cancelling: false,
  progress: null,
  lossPoints: [],
  groupPhases: {},
  runError: null,
  runNotice: null,
  history: [],
  verify: null,
  verifyError: null,
  startRun: (runId) =>
    set({
      activeRunId: runId,
      cancelling: false,
      progress: null,
      lossPoints: [],
      groupPhases: {},
      runError: null,
      verify: null,
      verifyError: null,
    }),
  setCancelling: () => set({ cancelling: true }),
  applyProgress: (p) =>
    set((s) =>
      p.runId === s.activeRunId ? { progress: p, lossPoints: appendLoss(s.lossPoints, p) } : {},
    ),
  applyTrace: (t) =>
    set((s) =>
      t.runId === s.activeRunId ? { groupPhases: { ...s.groupPhases, [t.groupId]: t.phase } } : {},
    ),
  finishRun: (record) =>
    set((s) => ({ activeRunId: null, cancelling: false, history: [record, ...s.history] })),
  failRun: (message) => set({ activeRunId: null, cancelling: false, runError: message }),
  setVerify: (verify, error = null) => set({ verify, verifyError: error }),
  setRunNotice: (runNotice) => set({ runNotice }),
});
