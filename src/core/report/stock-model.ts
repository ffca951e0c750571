import * as tf from '@tensorflow/tfjs';
import { LabError } from '../errors';
import { parseJsonBytes } from '../model/model-json';

/**
 * Loads stock export files ('model.json' + its single weights file) exactly as a user's page
 * would: tf.loadLayersModel over tf.io.fromMemory, no lab code in between.
 */
export async function loadStockModel(files: Record<string, Uint8Array>): Promise<tf.LayersModel> {
  const jsonBytes = Object.hasOwn(files, 'model.json') ? files['model.json'] : undefined;
  if (!jsonBytes) {
    throw new LabError('MISSING_TOPOLOGY', 'The stock export has no "model.json" among its files.');
  }
  const json = parseJsonBytes(jsonBytes, 'model.json') as {
    modelTopology: object;
    weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
  };
  const group = json.weightsManifest[0];
  const bin = files[group.paths[0]];
  if (!bin) {
    throw new LabError(
      'SHARD_MISSING',
      `Weight file "${group.paths[0]}" of the stock export is missing.`,
    );
  }
  return tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: json.modelTopology,
      weightSpecs: group.weights,
      weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength) as ArrayBuffer,
    }),
  );
}
