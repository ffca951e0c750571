import type { StateCreator } from 'zustand';
import type { PairShiftRow, RankShiftSweep, RunAnalysis } from '../protocol/analysis-types';
import type { StoredRun } from './stored-run';

export type FootprintAxis = 'weight' | 'weight+act' | 'file';
export const FOOTPRINT_AXES: readonly FootprintAxis[] = ['weight', 'weight+act', 'file'];

/** What the analysis panels show; all of it travels in the share link. */
export interface AnalysisSelection {
  /** Downstream unit L (null: the second prunable unit). */
  rankUnit: string | null;
  /** Upstream unit U (null: the prunable unit just before L). */
  rankUpstream: string | null;
  /** Index into the sweep 0, 0.1, …, 0.9. */
  upstreamSparsityIndex: number;
  footprintAxis: FootprintAxis;
  presenter: boolean;
}

export const DEFAULT_SELECTION: AnalysisSelection = {
  rankUnit: null,
  rankUpstream: null,
  upstreamSparsityIndex: 5,
  footprintAxis: 'file',
  presenter: false,
};

export interface AnalysisSlice {
  selection: AnalysisSelection;
  sweep: RankShiftSweep | null;
  sweepLoading: boolean;
  sweepError: string | null;
  pairs: PairShiftRow[] | null;
  pairsLoading: boolean;
  pairsError: string | null;
  runAnalysis: RunAnalysis | null;
  runAnalysisError: string | null;
  storedRuns: StoredRun[];
  selectedRunId: string | null;
  storageError: string | null;
  setSelection: (patch: Partial<AnalysisSelection>) => void;
  setSweepLoading: () => void;
  setSweep: (sweep: RankShiftSweep | null, error?: string | null) => void;
  setPairsLoading: () => void;
  setPairs: (pairs: PairShiftRow[] | null, error?: string | null) => void;
  setRunAnalysis: (analysis: RunAnalysis | null, error?: string | null) => void;
  setStoredRuns: (runs: StoredRun[]) => void;
  addStoredRun: (run: StoredRun) => void;
  selectRun: (runId: string | null) => void;
  setStorageError: (message: string | null) => void;
}

export const createAnalysisSlice: StateCreator<AnalysisSlice, [], [], AnalysisSlice> = (set) => ({
  selection: DEFAULT_SELECTION,
  sweep: null,
  sweepLoading: false,
  sweepError: null,
  pairs: null,
  pairsLoading: false,
  pairsError: null,
  runAnalysis: null,
  runAnalysisError: null,
  storedRuns: [],
  selectedRunId: null,
  storageError: null,
  setSelection: (patch) => set((s) => ({ selection: { ...s.selection, ...patch } })),
  setSweepLoading: () => set({ sweepLoading: true, sweepError: null }),
  setSweep: (sweep, error = null) => set({ sweep, sweepLoading: false, sweepError: error }),
  setPairsLoading: () => set({ pairsLoading: true, pairsError: null }),
  setPairs: (pairs, error = null) => set({ pairs, pairsLoading: false, pairsError: error }),
  setRunAnalysis: (runAnalysis, error = null) => set({ runAnalysis, runAnalysisError: error }),
  setStoredRuns: (storedRuns) => set({ storedRuns }),
  // Newest first; a re-stored run replaces its old entry.
  addStoredRun: (run) =>
    set((s) => ({ storedRuns: [run, ...s.storedRuns.filter((r) => r.runId !== run.runId)] })),
  selectRun: (selectedRunId) => set({ selectedRunId }),
  setStorageError: (storageError) => set({ storageError }),
});
