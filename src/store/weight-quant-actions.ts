import type { WeightQuantOutcome, WeightQuantParams } from '../protocol/weight-quant-types';
import { getEngine } from './engine-connection';

/**
 * Data-free, weight-only quantization of the loaded model. The outcome (with its file
 * buffers) goes back to the caller, not into the store: the store holds plain figures only.
 */
export function quantizeWeightsDataFree(params: WeightQuantParams): Promise<WeightQuantOutcome> {
  return getEngine().request('quantizeWeights', params);
}
