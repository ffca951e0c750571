/**
 * The compress config most pipeline tests start from: layerwise at 50 % sparsity with a short
 * schedule (I = 2, r = 1). Each test overrides only what it measures.
 */
import type { CompressConfig } from '../../src/core/pipeline/compress-config';

export function layerwiseConfig(overrides: Partial<CompressConfig> = {}): Partial<CompressConfig> {
  return { method: 'layerwise', sparsity: 0.5, statsSteps: 2, refreshSteps: 1, ...overrides };
}
