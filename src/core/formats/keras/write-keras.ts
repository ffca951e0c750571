import { strToU8, zipSync } from 'fflate';
import type { ModelSpec } from '../../model/spec';
import { keras3ModelConfig } from './keras3-config-out';
import { keras3LayerKeys } from './keras-weights';

/**
 * ModelSpec → a Keras 3 `.keras` file: a zip of `config.json` (Functional), `metadata.json`
 * and `model.weights.h5`, laid out as Keras 3 writes it (`layers/<snake_class>[_k]/vars/<i>`,
 * one group per layer, weights in Keras order). The weights are the spec's float32 values —
 * for a quantized model, its fake-quantized values (q·scale), so Keras computes what the lab did.
 *
 * HDF5 is written with h5wasm (the HDF5 C library in wasm, ≈ 1 MB gzip), imported on first
 * use so that the page's bundle only grows when someone exports a .keras.
 */
export const KERAS_EXPORT_VERSION = '3.15.1';

export async function writeKerasFile(
  spec: ModelSpec,
  savedAt: Date = new Date(),
): Promise<Uint8Array> {
  const weightsH5 = await writeWeightsH5(spec);
  const metadata = { keras_version: KERAS_EXPORT_VERSION, date_saved: formatDate(savedAt) };
  return zipSync(
    {
      'metadata.json': strToU8(JSON.stringify(metadata)),
      'config.json': strToU8(JSON.stringify(keras3ModelConfig(spec))),
      'model.weights.h5': weightsH5,
    },
    { level: 6, mtime: savedAt },
  );
}

function formatDate(d: Date): string {
  const iso = d.toISOString();
  return `${iso.slice(0, 10)}@${iso.slice(11, 19)}`;
}

let fileCounter = 0;

async function writeWeightsH5(spec: ModelSpec): Promise<Uint8Array> {
  const h5 = await import('h5wasm');
  const module = await h5.ready;
  const path = `/lab-keras-export-${++fileCounter}.h5`;
  const file = new h5.File(path, 'w');
  try {
    const layersGroup = file.create_group('layers');
    const keys = keras3LayerKeys(spec.layers);
    spec.layers.forEach((layer, i) => {
      const vars = layersGroup.create_group(keys[i]).create_group('vars');
      layer.weights.forEach((name, k) => {
        const w = spec.weights[name];
        vars.create_dataset({ name: String(k), data: w.data, shape: w.shape, dtype: '<f' });
      });
    });
    file.create_group('vars');
  } finally {
    file.close();
  }
  const bytes = module.FS.readFile(path);
  module.FS.unlink(path);
  return new Uint8Array(bytes);
}
