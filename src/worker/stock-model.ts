import type * as tf from '@tensorflow/tfjs';
import { topOneAgreement } from '../core/data/agreement';
import { evaluateOnSource } from '../core/data/evaluate';
import type { DataSource } from '../core/data/source';
import { evalBatchSize } from '../core/limits/memory-plan';
import { modelFilesFromArtifacts, specToArtifacts } from '../core/model/write-artifacts';
import { loadStockModel } from '../core/report/stock-model';
import { loadPackedModel, PACKED_JSON } from '../core/export/export-packed';
import { requireModel } from './engine-session';
import type { EvalSummary } from '../protocol/engine-types';

/** Unlabelled data: top-1 agreement with the original model on the held-back images. */
async function agreementWithOriginal(
  model: tf.LayersModel,
  source: DataSource,
  limit: number,
  signal?: AbortSignal,
): Promise<EvalSummary> {
  const original = await loadStockModel(
    modelFilesFromArtifacts(specToArtifacts(requireModel().spec)),
  );
  try {
    const { value, n } = await topOneAgreement(
      (x) => model.predict(x) as tf.Tensor,
      (x) => original.predict(x) as tf.Tensor,
      source,
      { limit, batchSize: evalBatchSize(requireModel().spec), signal },
    );
    return { metric: 'agreement', value, n };
  } finally {
    original.dispose();
  }
}

export async function evaluateModel(
  model: tf.LayersModel,
  source: DataSource,
  limit: number,
  signal?: AbortSignal,
): Promise<EvalSummary> {
  if (source.task === 'unlabelled') return agreementWithOriginal(model, source, limit, signal);
  const result = await evaluateOnSource((x) => model.predict(x) as tf.Tensor, source, 'test', {
    limit: limit > 0 ? limit : undefined,
    signal,
    // The loaded (larger) model's batch: a MobileNet-sized model evaluates a few at a time.
    batchSize: evalBatchSize(requireModel().spec),
  });
  return {
    metric: result.metric,
    value: result.value,
    n: result.n,
    ...(result.perClassAccuracy && { perClassAccuracy: result.perClassAccuracy }),
  };
}

/** Scores model files loaded by stock tf.loadLayersModel (or the lab's packed loader). */
export async function evaluateFiles(
  files: Record<string, Uint8Array>,
  source: DataSource,
  limit: number,
  signal?: AbortSignal,
): Promise<EvalSummary> {
  // A packed download needs the lab's loader; a stock one loads as a user's app would.
  const packed = Object.hasOwn(files, PACKED_JSON);
  const model = packed ? await loadPackedModel(files) : await loadStockModel(files);
  try {
    return await evaluateModel(model, source, limit, signal);
  } finally {
    model.dispose();
  }
}
