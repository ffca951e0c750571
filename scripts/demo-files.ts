import * as tf from '@tensorflow/tfjs';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Writes a LayersModel as `model.json` + one `weights.bin` shard (float32); returns the file sizes. */
export async function saveModelDir(
  model: tf.LayersModel,
  dir: string,
): Promise<{ modelJsonBytes: number; weightsBytes: number }> {
  mkdirSync(dir, { recursive: true });
  let sizes = { modelJsonBytes: 0, weightsBytes: 0 };
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weightData = artifacts.weightData
        ? new tf.io.CompositeArrayBuffer(artifacts.weightData).slice()
        : new ArrayBuffer(0);
      const modelJson = {
        format: 'layers-model',
        generatedBy: `TensorFlow.js tfjs-layers v${tf.version_layers}`,
        convertedBy: null,
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs ?? [] }],
      };
      const jsonText = JSON.stringify(modelJson);
      writeFileSync(path.join(dir, 'model.json'), jsonText);
      writeFileSync(path.join(dir, 'weights.bin'), new Uint8Array(weightData));
      sizes = { modelJsonBytes: Buffer.byteLength(jsonText), weightsBytes: weightData.byteLength };
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  return sizes;
}

export function writeCard(dir: string, card: object): void {
  writeFileSync(path.join(dir, 'card.json'), `${JSON.stringify(card, null, 2)}\n`);
}
