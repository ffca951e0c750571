import { unzipSync } from 'fflate';
import { LabError } from '../../errors';
import { parseModelJson } from '../../model/parse-model-json';
import { isRecord, ownField, parseJsonBytes, type JsonRecord } from '../../model/model-json';
import type { ModelSpec, WeightTensor } from '../../model/spec';
import { Hdf5Tree } from './hdf5-tree';
import { checkKerasLayerClasses, describeModelConfig, translateKerasValue } from './keras-config';
import { kerasLayerRefs, readKeras3Weights, readLegacyH5Weights } from './keras-weights';

/**
 * Keras files → the lab's ModelSpec, through the same path as a TensorFlow.js model.json: the
 * Keras config is translated into the Keras-2 form tfjs 4.22 builds, the weights are named as
 * tfjs names them and packed into one float32 group, and parseModelJson checks it all. So the
 * graph, surgery and export never learn that the model came from Keras.
 */
export type KerasFormat = 'keras' | 'keras-h5';

const HDF5_MAGIC = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const WEIGHTS_FILE = 'keras-weights.bin';

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/** By name and content: a `.keras` zip or an HDF5 `.h5`/`.hdf5`; undefined for anything else. */
export function sniffKerasFile(fileName: string, bytes: Uint8Array): KerasFormat | undefined {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.keras')) return 'keras';
  if (lower.endsWith('.h5') || lower.endsWith('.hdf5')) return 'keras-h5';
  if (startsWith(bytes, HDF5_MAGIC)) return 'keras-h5';
  return undefined;
}

export function isKerasFileName(fileName: string): boolean {
  return /\.(keras|h5|hdf5)$/i.test(fileName);
}

export function parseKerasFile(bytes: Uint8Array, fileName: string): ModelSpec {
  const format = sniffKerasFile(fileName, bytes) ?? 'keras-h5';
  return format === 'keras' ? parseKerasZip(bytes, fileName) : parseLegacyH5(bytes, fileName);
}

function parseKerasZip(bytes: Uint8Array, fileName: string): ModelSpec {
  if (!startsWith(bytes, ZIP_MAGIC)) {
    throw new LabError(
      'INVALID_MODEL',
      `"${fileName}" is not a Keras 3 .keras file: it is not a zip archive.`,
    );
  }
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch {
    throw new LabError('INVALID_MODEL', `"${fileName}" is a damaged zip archive.`);
  }
  if (!Object.hasOwn(entries, 'config.json')) {
    throw new LabError(
      'MISSING_TOPOLOGY',
      `"${fileName}" has no config.json, so the layers are unknown; save the model with model.save("name.keras").`,
    );
  }
  const modelConfig = readModelConfig(
    parseJsonBytes(entries['config.json'], 'config.json'),
    fileName,
  );
  const metadata = Object.hasOwn(entries, 'metadata.json')
    ? parseJsonBytes(entries['metadata.json'], 'metadata.json')
    : {};
  if (!Object.hasOwn(entries, 'model.weights.h5')) {
    throw new LabError(
      'WEIGHTS_MISSING',
      `"${fileName}" has no model.weights.h5, so the model has no weights.`,
    );
  }
  const tree = Hdf5Tree.open(entries['model.weights.h5'], `${fileName}/model.weights.h5`);
  const weights = readKeras3Weights(tree, kerasLayerRefs(modelConfig));
  const version = isRecord(metadata) ? ownField(metadata, 'keras_version') : undefined;
  return toSpec(modelConfig, weights, fileName, {
    format: 'keras',
    kerasVersion: typeof version === 'string' ? version : undefined,
  });
}

function parseLegacyH5(bytes: Uint8Array, fileName: string): ModelSpec {
  const tree = Hdf5Tree.open(bytes, fileName);
  const configText = tree.stringAttr('/', 'model_config');
  if (configText === undefined) {
    const hint = tree.group('layers') ? ' (it looks like weights only: model.save_weights)' : '';
    throw new LabError(
      'MISSING_TOPOLOGY',
      `"${fileName}" has no model_config attribute${hint}, so the layers are unknown; save the whole model with model.save("name.h5").`,
    );
  }
  const modelConfig = readModelConfig(
    parseJsonBytes(new TextEncoder().encode(configText), fileName),
    fileName,
  );
  if (!tree.group('model_weights')) {
    throw new LabError('WEIGHTS_MISSING', `"${fileName}" has no model_weights group.`);
  }
  const weights = readLegacyH5Weights(tree, kerasLayerRefs(modelConfig));
  return toSpec(modelConfig, weights, fileName, {
    format: 'keras-h5',
    kerasVersion: tree.stringAttr('/', 'keras_version'),
  });
}

function readModelConfig(json: unknown, fileName: string): JsonRecord {
  if (!isRecord(json) || typeof ownField(json, 'class_name') !== 'string') {
    throw new LabError(
      'MISSING_TOPOLOGY',
      `The model config in "${fileName}" has no class_name, so it is not a Keras model.`,
    );
  }
  checkKerasLayerClasses(json, fileName);
  return translateKerasValue(json) as JsonRecord;
}

interface Source {
  format: KerasFormat;
  kerasVersion: string | undefined;
}

function toSpec(
  modelConfig: JsonRecord,
  weights: Map<string, WeightTensor>,
  fileName: string,
  source: Source,
): ModelSpec {
  const names = [...weights.keys()];
  const total = names.reduce((sum, n) => sum + weights.get(n)!.data.length, 0);
  const packed = new Float32Array(total);
  let offset = 0;
  for (const name of names) {
    packed.set(weights.get(name)!.data, offset);
    offset += weights.get(name)!.data.length;
  }
  const modelJson = {
    format: 'layers-model',
    modelTopology: {
      ...modelConfig,
      ...(source.kerasVersion && { keras_version: source.kerasVersion }),
    },
    weightsManifest: [
      {
        paths: [WEIGHTS_FILE],
        weights: names.map((name) => ({ name, shape: weights.get(name)!.shape, dtype: 'float32' })),
      },
    ],
  };
  const spec = parseModelJson(modelJson, fileName, {
    [WEIGHTS_FILE]: new Uint8Array(packed.buffer),
  });
  const { className, layerCount } = describeModelConfig(modelConfig);
  const kind =
    source.format === 'keras' ? 'Keras 3 .keras' : `Keras ${source.kerasVersion ?? ''} .h5`;
  spec.meta.sourceFormat = source.format;
  spec.meta.sourceSummary = `${kind.replace(/ {2}/, ' ')}, ${className}, ${layerCount} layers`;
  return spec;
}

/** The one Keras file of a file set (a dropped `.keras` / `.h5`, or the CLI's path), if that is what it is. */
export function kerasFileOf(files: Record<string, Uint8Array>): string | undefined {
  const names = Object.keys(files);
  if (names.some((n) => n.toLowerCase().endsWith('.json'))) return undefined;
  const keras = names.filter(isKerasFileName);
  return keras.length === 1 ? keras[0] : undefined;
}
