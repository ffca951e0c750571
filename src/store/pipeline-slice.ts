import type { StateCreator } from 'zustand';
import type { PipelineSettings } from '../protocol/engine-types';
import { DEFAULT_SETTINGS } from './pipeline-settings';

export interface PipelineSlice {
  settings: PipelineSettings;
  setSetting: <K extends keyof PipelineSettings>(key: K, value: PipelineSettings[K]) => void;
  /** null removes the override (the group follows the global sparsity). */
  setOverride: (groupId: string, sparsity: number | null) => void;
  replaceSettings: (settings: PipelineSettings) => void;
}

export const createPipelineSlice: StateCreator<PipelineSlice, [], [], PipelineSlice> = (set) => ({
  settings: DEFAULT_SETTINGS,
  setSetting: (key, value) => set((s) => ({ settings: { ...s.settings, [key]: value } })),
  setOverride: (groupId, sparsity) =>
    set((s) => {
      const overrides = { ...s.settings.overrides };
      if (sparsity === null) delete overrides[groupId];
      else overrides[groupId] = sparsity;
      return { settings: { ...s.settings, overrides } };
    }),
  replaceSettings: (settings) => set({ settings }),
});
