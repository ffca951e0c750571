import * as tf from '@tensorflow/tfjs';
import { throwIfAborted } from '../core/errors';
import { evaluateOnSource } from '../core/data/evaluate';
import type { DataSource } from '../core/data/source';
import { evalBatchSize } from '../core/limits/memory-plan';
import { modelFilesFromArtifacts, specToArtifacts } from '../core/model/write-artifacts';
import { loadStockModel } from '../core/report/stock-model';
import { requireModel } from './engine-session';
import type { EvalSummary } from '../protocol/engine-types';

/**
 * Unlabelled data has nothing to score against but the original model: top-1 agreement with
 * it, batch by batch over the first `limit` test examples (train when test is empty).
 */
async function agreementWithOriginal(
  model: tf.LayersModel,
  source: DataSource,
  limit: number,
  signal?: AbortSignal,
): Promise<EvalSummary> {
  const split = source.size('test') > 0 ? 'test' : 'train';
  const n = Math.min(limit > 0 ? limit : Infinity, source.size(split));
  const original = await loadStockModel(
    modelFilesFromArtifacts(specToArtifacts(requireModel().spec)),
  );
  const batchSize = evalBatchSize(requireModel().spec);
  let same = 0;
  try {
    for (let start = 0; start < n; start += batchSize) {
      throwIfAborted(signal);
      const indices = Array.from({ length: Math.min(batchSize, n - start) }, (_, k) => start + k);
      const { x } = source.batch(split, indices);
      const agree = tf.tidy(() =>
        tf.sum(
          tf.equal(
            tf.argMax(model.predict(x) as tf.Tensor, -1),
            tf.argMax(original.predict(x) as tf.Tensor, -1),
          ),
        ),
      );
      same += (await agree.data())[0];
      tf.dispose([x, agree]);
    }
  } finally {
    original.dispose();
  }
  return { metric: 'agreement', value: same / n, n };
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

/** Scores model files loaded by stock tf.loadLayersModel (core's loader), as a user's app would. */
export async function evaluateFiles(
  files: Record<string, Uint8Array>,
  source: DataSource,
  limit: number,
  signal?: AbortSignal,
): Promise<EvalSummary> {
  const model = await loadStockModel(files);
  try {
    return await evaluateModel(model, source, limit, signal);
  } finally {
    model.dispose();
  }
}
