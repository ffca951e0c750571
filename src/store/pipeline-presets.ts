import type { PipelineSettings } from '../protocol/engine-types';

/**
 * Schedule presets. They set how long the lab measures and trains, never what it prunes or how
 * many bits it keeps: sparsity, method and bit widths stay the user's.
 */
export type PresetId = 'quick' | 'paper' | 'best';

type ScheduleKeys =
  | 'statsSteps'
  | 'refreshSteps'
  | 'finetuneSteps'
  | 'qatSteps'
  | 'learningRate'
  | 'batchSize'
  | 'evalLimit';

export interface SchedulePreset {
  id: PresetId;
  label: string;
  help: string;
  values: Pick<PipelineSettings, ScheduleKeys>;
}

export const PRESETS: readonly SchedulePreset[] = [
  {
    id: 'quick',
    label: 'Quick look',
    help: 'A few seconds on a laptop; the accuracy drops more than it needs to.',
    values: {
      statsSteps: 5,
      refreshSteps: 5,
      finetuneSteps: 20,
      qatSteps: 0,
      learningRate: 0.003,
      batchSize: 32,
      evalLimit: 500,
    },
  },
  {
    id: 'paper',
    label: "Paper's schedule",
    help: 'Each layer measured for 49 steps of 128 images, re-ranked every 10: several minutes on a CPU.',
    values: {
      statsSteps: 49,
      refreshSteps: 10,
      finetuneSteps: 200,
      qatSteps: 100,
      learningRate: 0.003,
      batchSize: 128,
      evalLimit: 1000,
    },
  },
  {
    id: 'best',
    label: 'Best quality',
    help: 'Long re-training, scored on every test image: a few minutes, the highest accuracy.',
    values: {
      statsSteps: 20,
      refreshSteps: 5,
      finetuneSteps: 800,
      qatSteps: 200,
      learningRate: 0.003,
      batchSize: 64,
      evalLimit: 0,
    },
  },
];

export function applyPreset(settings: PipelineSettings, id: PresetId): PipelineSettings {
  const preset = PRESETS.find((p) => p.id === id);
  return preset ? { ...settings, ...preset.values } : settings;
}

/** The preset whose schedule the settings follow exactly, or null (custom or the lab's default). */
export function matchingPreset(settings: PipelineSettings): PresetId | null {
  const same = (p: SchedulePreset) =>
    (Object.keys(p.values) as ScheduleKeys[]).every((k) => settings[k] === p.values[k]);
  return PRESETS.find(same)?.id ?? null;
}
