import type { StateCreator } from 'zustand';
import type { BackendReport } from '../core/backend-names';

/** Plain data about the engine worker: which backend it runs, whether it is alive. */
export interface EngineSlice {
  backend: BackendReport | null;
  engineStatus: 'starting' | 'ready' | 'failed';
  engineError: string | null;
  memory: { numTensors: number; numBytes: number } | null;
  setBackend: (report: BackendReport) => void;
  setEngineFailed: (message: string) => void;
  setEngineStarting: () => void;
  setMemory: (m: { numTensors: number; numBytes: number }) => void;
}

export const createEngineSlice: StateCreator<EngineSlice, [], [], EngineSlice> = (set) => ({
  backend: null,
  engineStatus: 'starting',
  engineError: null,
  memory: null,
  setBackend: (report) => set({ backend: report, engineStatus: 'ready', engineError: null }),
  setEngineFailed: (message) => set({ engineStatus: 'failed', engineError: message }),
  setEngineStarting: () => set({ engineStatus: 'starting', engineError: null }),
  setMemory: (memory) => set({ memory }),
});
