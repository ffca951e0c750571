import { KERAS_CLASS } from '../layers/registry';
import type { ForwardOptions } from '../exec/executor';
import { LabError } from '../errors';
import type { ModelSpec } from '../model/spec';

/**
 * How BatchNormalization normalises during a rank-shift measurement.
 * - 'batch' (default): with the statistics of the calibration batch itself, as the layerwise
 *   schedule measures importance while training (and as the reference does). After U is pruned,
 *   L's BN re-centres and re-scales on the pruned input, exactly what pruning sees.
 * - 'frozen': with the moving statistics (inference). They were gathered on the dense network,
 *   so after U is pruned they are stale and τ falls further than what the method meets.
 * Dropout never runs in either mode: a rank-shift forward is deterministic.
 */
export type RankShiftBnMode = 'batch' | 'frozen';

export const RANK_SHIFT_BN_MODES: readonly RankShiftBnMode[] = ['batch', 'frozen'];

export function checkBnMode(mode: string): RankShiftBnMode {
  if (mode === 'batch' || mode === 'frozen') return mode;
  throw new LabError(
    'INVALID_ARGUMENT',
    `Unknown BatchNorm mode "${mode}" for rank shift: choose batch or frozen.`,
  );
}

/** The executor's forward flag: batch statistics only run in its training mode. */
export function forwardTraining(mode: RankShiftBnMode): Pick<ForwardOptions, 'training'> {
  return { training: mode === 'batch' };
}

/**
 * The spec with every dropout rate set to 0, so that a training-mode forward (batch BN) drops
 * nothing. Layers and weights are shared where unchanged.
 */
export function withoutDropout(spec: ModelSpec): ModelSpec {
  const hasDropout = spec.layers.some((l) => l.className.includes(KERAS_CLASS.Dropout));
  if (!hasDropout) return spec;
  return {
    ...spec,
    layers: spec.layers.map((l) =>
      l.className.includes(KERAS_CLASS.Dropout) ? { ...l, config: { ...l.config, rate: 0 } } : l,
    ),
  };
}
