/**
 * Export sizes before a weight-only run, from the parameter counts alone, so the page can
 * say "the stock file would be larger than yours" before anything is computed. The weight
 * bytes follow export-stock.ts / export-packed.ts exactly; the JSON is taken as the input's
 * model JSON plus about SCALE_LAYER_JSON_BYTES per per-channel scaling layer, so the total
 * is an estimate (the run reports the exact bytes).
 */
import type { ModelSpec } from '../model/spec';
import { FLOAT_BITS, quantTargets } from '../quant/quant-plan';

/** Typical JSON of one 1×1 DepthwiseConv2D "<layer>_qscale" and its manifest entries. */
export const SCALE_LAYER_JSON_BYTES = 700;

export interface ExportEstimate {
  /** 2–8 (per-channel codes) or 'float16'. */
  weights: number | 'float16';
  stockBytes: number;
  /** The packed format's bytes (float16: the same as stock; it has no float16 encoding). */
  packedBytes: number;
}

const align4 = (n: number): number => Math.ceil(n / 4) * 4;

/** Per-channel weight-only quantization at `weightBits` (2–8), or float16 storage. */
export function estimateExport(
  spec: ModelSpec,
  weights: number | 'float16',
  modelJsonBytes: number,
): ExportEstimate {
  const all = Object.values(spec.weights).reduce((n, w) => n + w.data.length, 0);
  if (weights === 'float16') {
    const bytes = all * 2 + modelJsonBytes;
    return { weights, stockBytes: bytes, packedBytes: bytes };
  }
  const config = { weightBits: weights, activationBits: FLOAT_BITS, perChannel: true, pow2: false };
  let stock = modelJsonBytes;
  let packed = modelJsonBytes;
  let quantized = 0;
  for (const t of quantTargets(spec, config)) {
    const n = spec.weights[t.weightName].data.length;
    const channels = t.perChannelAxis === null ? 1 : t.quantShape[t.perChannelAxis];
    quantized += n;
    stock += n + (t.perChannelAxis === null ? 0 : channels * 4 + SCALE_LAYER_JSON_BYTES);
    packed += align4(Math.ceil((n * weights) / 8)) + align4(channels * 4);
  }
  const floatBytes = (all - quantized) * 4;
  return { weights, stockBytes: stock + floatBytes, packedBytes: packed + floatBytes };
}

/** The choices the page offers without data: 8 down to 2 bits, and float16. */
export function dataFreeEstimates(spec: ModelSpec, modelJsonBytes: number): ExportEstimate[] {
  const choices: (number | 'float16')[] = ['float16', 8, 7, 6, 5, 4, 3, 2];
  return choices.map((c) => estimateExport(spec, c, modelJsonBytes));
}
