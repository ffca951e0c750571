import type { BitWidth, PipelineSettings } from '../worker/engine-types';
import type { CompressMethod } from '../core/pipeline/compress-config';

/**
 * Defaults sized so the mnist-cnn demo finishes in well under a minute on CPU wasm
 * (≈ 60 ms per training step at batch 64): short windows, short fine-tune and QAT.
 */
export const DEFAULT_SETTINGS: PipelineSettings = {
  method: 'layerwise',
  importance: 'l1',
  sparsity: 0.5,
  overrides: {},
  statsSteps: 10,
  refreshSteps: 5,
  finetuneSteps: 40,
  // Adam 3e-3 (annealed over fine-tune and QAT): on the mnist-cnn demo at 50 % this ends at 0.984
  // W8A8 on 1,000 test digits, against 0.973 at 1e-2 (measured with the CLI, same settings).
  learningRate: 0.003,
  batchSize: 32,
  wbits: 8,
  abits: 8,
  qatSteps: 40,
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
