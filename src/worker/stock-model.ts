import * as tf from '@tensorflow/tfjs';
import { evaluateOnSource } from '../core/data/evaluate';
import type { DataSource } from '../core/data/source';
import { LabError } from '../core/errors';
import type { EvalSummary } from './engine-types';

/**
 * Loads model files exactly as a user's app would: stock tf.loadLayersModel through
 * tf.io.fromMemory (tf.io.browserFiles never settles on bad JSON, so we parse ourselves).
 * Shards are found by the basename of each manifest path, in manifest order.
 */
export async function loadStockModel(files: Record<string, Uint8Array>): Promise<tf.LayersModel> {
  const jsonBytes = files['model.json'];
  if (!jsonBytes) throw new LabError('MISSING_TOPOLOGY', 'The download has no "model.json".');
  const json = JSON.parse(new TextDecoder().decode(jsonBytes)) as {
    modelTopology: object;
    weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
  };
  const byBasename = new Map(Object.entries(files).map(([name, bytes]) => [name.split('/').pop()!, bytes]));
  const shards = json.weightsManifest.flatMap((g) => g.paths).map((path) => {
    const bytes = byBasename.get(path.split('/').pop()!);
    if (!bytes) throw new LabError('SHARD_MISSING', `The download lacks the weight file "${path}" that model.json names.`);
    return bytes.slice().buffer;
  });
  return tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: json.modelTopology,
      weightSpecs: json.weightsManifest.flatMap((g) => g.weights),
      weightData: tf.io.concatenateArrayBuffers(shards),
    }),
  );
}

export async function evaluateModel(model: tf.LayersModel, source: DataSource, limit: number): Promise<EvalSummary> {
  const result = await evaluateOnSource((x) => model.predict(x) as tf.Tensor, source, 'test', {
    limit: limit > 0 ? limit : undefined,
  });
  return { metric: result.metric, value: result.value, n: result.n };
}

export async function evaluateFiles(files: Record<string, Uint8Array>, source: DataSource, limit: number): Promise<EvalSummary> {
  const model = await loadStockModel(files);
  try {
    return await evaluateModel(model, source, limit);
  } finally {
    model.dispose();
  }
}
