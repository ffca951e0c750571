import * as tf from '@tensorflow/tfjs';
import type { ModelSpec } from '../model/spec';
import { specFromLayersModel } from '../model/tf-bridge';
import {
  modelFilesFromArtifacts,
  specToArtifacts,
  type WeightEncoding,
} from '../model/write-artifacts';

/**
 * Test fixture: a conv net of ≈ 56 k parameters whose weights dominate its file (so sizes
 * compare weights, not JSON): conv 3×3 ×32 → conv 3×3 ×64 → conv 3×3 ×64 → global average
 * pool → dense 10, input 16×16×1.
 */
export async function sizeTestSpec(seed = 5): Promise<ModelSpec> {
  const init = (s: number) => tf.initializers.glorotUniform({ seed: seed * 10 + s });
  const conv = (name: string, filters: number, s: number, inputShape?: number[]) =>
    tf.layers.conv2d({
      name,
      filters,
      kernelSize: 3,
      padding: 'same',
      activation: 'relu',
      kernelInitializer: init(s),
      biasInitializer: tf.initializers.randomUniform({ minval: -0.1, maxval: 0.1, seed: s }),
      ...(inputShape ? { inputShape } : {}),
    });
  const model = tf.sequential({
    name: 'size_test',
    layers: [
      conv('c1', 32, 1, [16, 16, 1]),
      conv('c2', 64, 2),
      conv('c3', 64, 3),
      tf.layers.globalAveragePooling2d({ name: 'gap' }),
      tf.layers.dense({ name: 'fc', units: 10, kernelInitializer: init(4) }),
    ],
  });
  const spec = await specFromLayersModel(model, 'size_test');
  model.dispose();
  return spec;
}

/**
 * The model as a converter with `--quantize_uint8` writes it: every weight stored as uint8
 * codes with a per-tensor scale and min (value = code·scale + min).
 */
export function uint8ModelFiles(spec: ModelSpec): Record<string, Uint8Array> {
  const encodings: Record<string, WeightEncoding> = {};
  for (const [name, w] of Object.entries(spec.weights)) {
    let min = Infinity;
    let max = -Infinity;
    for (const v of w.data) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    encodings[name] = { dtype: 'uint8', scale: max > min ? (max - min) / 255 : 1, min };
  }
  return modelFilesFromArtifacts(specToArtifacts(spec, { encodings }));
}

/** The same model as plain float32 files. */
export function float32ModelFiles(spec: ModelSpec): Record<string, Uint8Array> {
  return modelFilesFromArtifacts(specToArtifacts(spec));
}
