import { LabError } from '../errors';
import { KERAS_CLASS, layerDescriptor } from '../layers/registry';
import { float32ToFloat16Bits } from './float16';
import {
  encodeJson,
  type JsonRecord,
  type ModelJson,
  type QuantizationJson,
  type WeightSpecJson,
} from './model-json';
import type { LayerSpec, ModelSpec } from './spec';

/**
 * ModelSpec → the two files of a TensorFlow.js layers model. The topology is always
 * written in functional form with class_name 'Model': tfjs 2.x, 3.x and 4.22 all register
 * that name ('Functional' exists only from 3.x on), so the export loads everywhere.
 */
export type WeightEncoding =
  { dtype: 'uint8' | 'uint16'; scale: number; min: number } | { dtype: 'float16' };

export interface ModelArtifacts {
  modelJson: ModelJson;
  weightData: ArrayBuffer;
}

export interface WriteArtifactsOptions {
  /** Per weight name; absent weights are written as float32. */
  encodings?: Record<string, WeightEncoding>;
  /** Name of the single weights file (default 'weights.bin'). */
  weightsPath?: string;
}

export const DEFAULT_WEIGHTS_PATH = 'weights.bin';

const BYTES_PER_VALUE = { float32: 4, uint8: 1, uint16: 2, float16: 2 } as const;

export function specToArtifacts(spec: ModelSpec, opts: WriteArtifactsOptions = {}): ModelArtifacts {
  const weightsPath = opts.weightsPath ?? DEFAULT_WEIGHTS_PATH;
  const encodings = opts.encodings ?? {};
  const names = spec.layers.flatMap((layer) => layer.weights);
  const specs = names.map((name) => weightSpecJson(spec, name, encodingOf(encodings, name)));
  const weightData = packWeights(spec, specs);
  const modelJson: ModelJson = {
    format: 'layers-model',
    generatedBy: 'pruning-lab',
    convertedBy: null,
    modelTopology: functionalTopology(spec),
    weightsManifest: [{ paths: [weightsPath], weights: specs }],
  };
  return { modelJson, weightData };
}

/** The files a user downloads: 'model.json' plus the weights file the manifest names. */
export function modelFilesFromArtifacts(artifacts: ModelArtifacts): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = { 'model.json': encodeJson(artifacts.modelJson) };
  const path = artifacts.modelJson.weightsManifest[0]?.paths[0] ?? DEFAULT_WEIGHTS_PATH;
  files[path] = new Uint8Array(artifacts.weightData);
  return files;
}

function encodingOf(
  encodings: Record<string, WeightEncoding>,
  name: string,
): WeightEncoding | undefined {
  return Object.hasOwn(encodings, name) ? encodings[name] : undefined;
}

function weightSpecJson(
  spec: ModelSpec,
  name: string,
  encoding: WeightEncoding | undefined,
): WeightSpecJson {
  const weight = Object.hasOwn(spec.weights, name) ? spec.weights[name] : undefined;
  if (!weight)
    throw new LabError(
      'WEIGHTS_MISSING',
      `Model "${spec.name}" lists weight "${name}" but has no data for it.`,
    );
  const entry: WeightSpecJson = { name, shape: [...weight.shape], dtype: 'float32' };
  if (encoding) entry.quantization = quantizationJson(name, encoding);
  return entry;
}

function quantizationJson(name: string, encoding: WeightEncoding): QuantizationJson {
  if (encoding.dtype === 'float16') return { dtype: 'float16' };
  if (!(Number.isFinite(encoding.scale) && encoding.scale > 0 && Number.isFinite(encoding.min))) {
    throw new LabError(
      'INVALID_ARGUMENT',
      `Weight "${name}" has ${encoding.dtype} encoding with scale ${encoding.scale} and min ${encoding.min}; scale must be a positive finite number and min finite.`,
    );
  }
  return { dtype: encoding.dtype, scale: encoding.scale, min: encoding.min };
}

function packWeights(spec: ModelSpec, specs: WeightSpecJson[]): ArrayBuffer {
  let sizeBytes = 0;
  for (const s of specs)
    sizeBytes +=
      spec.weights[s.name].data.length * BYTES_PER_VALUE[s.quantization?.dtype ?? 'float32'];
  const buffer = new ArrayBuffer(sizeBytes);
  const view = new DataView(buffer);
  let offset = 0;
  for (const s of specs)
    offset = writeWeight(view, offset, spec.weights[s.name].data, s.quantization);
  return buffer;
}

/** Little-endian, as tfjs reads typed arrays on every platform it runs on. */
function writeWeight(
  view: DataView,
  offset: number,
  data: Float32Array,
  q: QuantizationJson | undefined,
): number {
  if (!q) {
    for (let i = 0; i < data.length; i++, offset += 4) view.setFloat32(offset, data[i], true);
  } else if (q.dtype === 'float16') {
    for (let i = 0; i < data.length; i++, offset += 2)
      view.setUint16(offset, float32ToFloat16Bits(data[i]), true);
  } else {
    const maxCode = q.dtype === 'uint8' ? 255 : 65535;
    for (let i = 0; i < data.length; i++) {
      const code = Math.min(maxCode, Math.max(0, Math.round((data[i] - q.min) / q.scale)));
      if (q.dtype === 'uint8') view.setUint8(offset++, Number.isNaN(code) ? 0 : code);
      else view.setUint16((offset += 2) - 2, Number.isNaN(code) ? 0 : code, true);
    }
  }
  return offset;
}

function functionalTopology(spec: ModelSpec): JsonRecord {
  const inputShapes = new Map(spec.inputLayers.map((name, i) => [name, spec.inputShapes[i]]));
  return {
    class_name: 'Model',
    config: {
      name: spec.name,
      layers: spec.layers.map((layer) => layerJson(layer, inputShapes.get(layer.name))),
      input_layers: spec.inputLayers.map((name) => [name, 0, 0]),
      output_layers: spec.outputLayers.map((name) => [name, 0, 0]),
    },
    keras_version: spec.meta.kerasVersion ?? 'tfjs-layers 4.22.0',
    backend: spec.meta.backend ?? 'tensor_flow.js',
  };
}

function layerJson(spec: LayerSpec, inputShape: number[] | undefined): JsonRecord {
  const layer = layerDescriptor(spec.className)?.toStock?.(spec) ?? spec;
  return {
    class_name: layer.className,
    config: layerConfigJson(layer, inputShape),
    name: layer.name,
    inbound_nodes:
      layer.inbound.length === 0 ? [] : [layer.inbound.map((name) => [name, 0, 0, {}])],
  };
}

/**
 * Input layers get the one input-shape key every tfjs version reads; other layers lose
 * theirs, which only Sequential models use (a functional model would ignore or trip on them).
 */
function layerConfigJson(layer: LayerSpec, inputShape: number[] | undefined): JsonRecord {
  const config: JsonRecord = { ...layer.config, name: layer.name };
  for (const key of [
    'batch_input_shape',
    'batchInputShape',
    'batch_shape',
    'input_shape',
    'inputShape',
  ])
    delete config[key];
  if (layer.className === KERAS_CLASS.InputLayer) {
    config.batch_input_shape = [null, ...(inputShape ?? [])];
  }
  return config;
}
