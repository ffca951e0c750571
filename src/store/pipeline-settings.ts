import type { BitWidth, PipelineSettings } from '../protocol/engine-types';
import type { CompressMethod } from '../protocol/page-core';

/**
 * The lab's default demo run (mnist-cnn, 50 %, W8A8), chosen from CLI measurements printed in
 * docs/results.md ("The lab's default demo run"): 150 fine-tune steps of 64 digits after a 10-step
 * window per unit keep the pruned float model at ≈ 99 %, and 8-bit rounding without training
 * (PTQ, qatSteps 0) keeps that accuracy, while a short QAT restarting Adam at 3e-3 cost 0.4–1 point.
 * 200 steps scored 0.991 but leave less room under the minute on this 2-core machine.
 */
export const DEFAULT_SETTINGS: PipelineSettings = {
  method: 'layerwise',
  importance: 'l1',
  sparsity: 0.5,
  overrides: {},
  statsSteps: 10,
  refreshSteps: 5,
  finetuneSteps: 150,
  learningRate: 0.003,
  batchSize: 64,
  wbits: 8,
  abits: 8,
  qatSteps: 0,
  seed: 1,
  evalLimit: 1000,
};

export const METHODS: readonly { value: CompressMethod; label: string }[] = [
  { value: 'layerwise', label: 'Layerwise (the paper)' },
  { value: 'oneshot', label: 'One-shot' },
  { value: 'stepwise', label: 'Stepwise (cubic ramp, weight L1)' },
  { value: 'weight-l1-layerwise', label: 'Weight-L1 layerwise' },
  { value: 'weight-l1-oneshot', label: 'Weight-L1 one-shot' },
  { value: 'random', label: 'Random (layerwise timing)' },
];

export const BIT_WIDTHS: readonly BitWidth[] = [32, 8, 4, 2];

export function bitLabel(bits: BitWidth): string {
  return bits === 32 ? 'fp32' : `${bits}-bit`;
}

/** Total training steps the page can predict before the run starts (for a sanity hint). */
export function layerwiseStepEstimate(settings: PipelineSettings, prunableGroups: number): number {
  const pruning = prunableGroups * (settings.statsSteps + 1);
  const qat = settings.wbits === 32 && settings.abits === 32 ? 0 : settings.qatSteps;
  return pruning + settings.finetuneSteps + qat;
}
