import type * as tf from '@tensorflow/tfjs';
import { evaluateOnSource } from '../core/data/evaluate';
import type { DataSource } from '../core/data/source';
import { loadStockModel } from '../core/report/stock-model';
import type { EvalSummary } from './engine-types';

export async function evaluateModel(
  model: tf.LayersModel,
  source: DataSource,
  limit: number,
): Promise<EvalSummary> {
  const result = await evaluateOnSource((x) => model.predict(x) as tf.Tensor, source, 'test', {
    limit: limit > 0 ? limit : undefined,
  });
  return { metric: result.metric, value: result.value, n: result.n };
}

/** Scores model files loaded by stock tf.loadLayersModel (core's loader), as a user's app would. */
export async function evaluateFiles(
  files: Record<string, Uint8Array>,
  source: DataSource,
  limit: number,
): Promise<EvalSummary> {
  const model = await loadStockModel(files);
  try {
    return await evaluateModel(model, source, limit);
  } finally {
    model.dispose();
  }
}
