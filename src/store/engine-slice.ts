import type { StateCreator } from 'zustand';
import type { BackendReport } from '../protocol/page-core';

/** Plain data about the engine worker: which backend it runs, whether it is alive. */
export interface EngineSlice {
  backend: BackendReport | null;
  engineStatus: 'starting' | 'ready' | 'failed';
  engineError: string | null;
  memory: { numTensors: number; numBytes: number } | null;
  /** Why the engine is not on its usual backend (a failed start, gradient check or lost device). */
  backendNotice: string | null;
  /** True when the worker died (not a bad ?backend=): the page offers "Restart engine". */
  engineCrashed: boolean;
  /** The memory estimate's warning for the last run's settings (above 80 % of the budget). */
  memoryWarning: string | null;
  setBackend: (report: BackendReport, notice?: string | null) => void;
  setEngineFailed: (message: string, crashed?: boolean) => void;
  setMemoryWarning: (warning: string | null) => void;
  setEngineStarting: () => void;
  setMemory: (m: { numTensors: number; numBytes: number }) => void;
}

export const createEngineSlice: StateCreator<EngineSlice, [], [], EngineSlice> = (set) => ({
  backend: null,
  engineStatus: 'starting',
  engineError: null,
  memory: null,
  backendNotice: null,
  engineCrashed: false,
  memoryWarning: null,
  setBackend: (report, notice = null) =>
    set({
      backend: report,
      backendNotice: notice,
      engineStatus: 'ready',
      engineError: null,
      engineCrashed: false,
    }),
  setEngineFailed: (message, crashed = false) =>
    set({ engineStatus: 'failed', engineError: message, engineCrashed: crashed }),
  setMemoryWarning: (memoryWarning) => set({ memoryWarning }),
  setEngineStarting: () =>
    set({ engineStatus: 'starting', engineError: null, engineCrashed: false }),
  setMemory: (memory) => set({ memory }),
});
