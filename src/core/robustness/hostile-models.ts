import { KERAS_CLASS } from '../layers/registry';
import { encodeJson, type JsonRecord } from '../model/model-json';
import { LabError } from '../errors';

/**
 * The hostile classes of issue 19, as edits of a valid single-group float32 file set
 * (`model.json` + the shard its manifest names): non-finite and corrupted-exponent weights,
 * reserved names, long chains, Keras config errors. The CLI test runs `inspect` and
 * `compress` on each; the fuzzer draws from them. Pure data in, data out.
 */
export type ModelFiles = Record<string, Uint8Array>;

interface WeightEntryJson {
  name: string;
  shape: number[];
  dtype?: string;
}
interface LayerJson {
  name: string;
  class_name: string;
  config: JsonRecord;
  inbound_nodes: unknown[];
}

function readJson(files: ModelFiles): JsonRecord {
  return JSON.parse(new TextDecoder().decode(files['model.json'])) as JsonRecord;
}

function layersOf(json: JsonRecord): LayerJson[] {
  const config = (json.modelTopology as { config: unknown }).config;
  return (Array.isArray(config) ? config : (config as { layers: unknown[] }).layers) as LayerJson[];
}

function manifestOf(json: JsonRecord): Array<{ paths: string[]; weights: WeightEntryJson[] }> {
  return json.weightsManifest as Array<{ paths: string[]; weights: WeightEntryJson[] }>;
}

/** Float offset and length of a float32 weight inside the first group's byte stream. */
function locateWeight(json: JsonRecord, weightName: string): { offset: number; count: number } {
  let offset = 0;
  for (const w of manifestOf(json)[0].weights) {
    const count = w.shape.reduce((a, b) => a * b, 1);
    if (w.name === weightName) return { offset, count };
    offset += count;
  }
  throw new LabError('WEIGHTS_MISSING', `hostile-models: no weight "${weightName}".`);
}

function editFloats(
  files: ModelFiles,
  weightName: string,
  edit: (values: Float32Array) => void,
): ModelFiles {
  const json = readJson(files);
  const shard = manifestOf(json)[0].paths[0];
  const bytes = new Uint8Array(files[shard]);
  const { offset, count } = locateWeight(json, weightName);
  edit(new Float32Array(bytes.buffer, offset * 4, count));
  return { ...files, [shard]: bytes };
}

/** Writes `value` into the first `count` floats of one weight (NaN, ±Infinity, 3e38, …). */
export function withWeightValues(
  files: ModelFiles,
  weightName: string,
  value: number,
  count = 1,
): ModelFiles {
  return editFloats(files, weightName, (v) => v.fill(value, 0, Math.min(count, v.length)));
}

/** Sets the 8 exponent bits of every float of one weight to `exponent` (255: all Inf/NaN). */
export function withCorruptedExponent(
  files: ModelFiles,
  weightName: string,
  exponent: number,
): ModelFiles {
  return editFloats(files, weightName, (v) => {
    const bits = new Uint32Array(v.buffer, v.byteOffset, v.length);
    for (let i = 0; i < bits.length; i++) bits[i] = (bits[i] & 0x807fffff) | (exponent << 23);
  });
}

/** Renames a layer everywhere: its entry, every inbound reference, outputs and weight names. */
export function withLayerRenamed(files: ModelFiles, from: string, to: string): ModelFiles {
  const json = readJson(files);
  const rename = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(rename);
    if (node === from) return to;
    if (typeof node === 'string' && node.startsWith(`${from}/`))
      return to + node.slice(from.length);
    if (node !== null && typeof node === 'object') {
      const out: JsonRecord = Object.create(null) as JsonRecord;
      for (const [k, v] of Object.entries(node)) out[k] = rename(v);
      return out;
    }
    return node;
  };
  return { ...files, 'model.json': encodeJson(rename(json)) };
}

/** Applies `edit` to one layer's Keras config. */
export function withLayerConfig(
  files: ModelFiles,
  layerName: string,
  edit: (config: JsonRecord) => void,
): ModelFiles {
  const json = readJson(files);
  const layer = layersOf(json).find((l) => l.name === layerName);
  if (!layer) throw new LabError('LAYER_NOT_FOUND', `hostile-models: no layer "${layerName}".`);
  edit(layer.config);
  return { ...files, 'model.json': encodeJson(json) };
}

/** Inserts a Dropout layer with `rate` right after `afterLayer` (its consumers are rewired). */
export function withDropoutAfter(files: ModelFiles, afterLayer: string, rate: number): ModelFiles {
  const json = readJson(files);
  const layers = layersOf(json);
  const at = layers.findIndex((l) => l.name === afterLayer);
  const name = `${afterLayer}_dropout`;
  const rewire = (node: unknown): unknown =>
    Array.isArray(node) ? node.map(rewire) : node === afterLayer ? name : node;
  for (const l of layers.slice(at + 1)) l.inbound_nodes = rewire(l.inbound_nodes) as unknown[];
  const topoConfig = (json.modelTopology as { config: JsonRecord }).config;
  topoConfig.output_layers = rewire(topoConfig.output_layers);
  layers.splice(at + 1, 0, {
    name,
    class_name: KERAS_CLASS.Dropout,
    config: { name, rate, trainable: true },
    inbound_nodes: [[[afterLayer, 0, 0, {}]]],
  });
  return { ...files, 'model.json': encodeJson(json) };
}

/**
 * A functional chain: an 8×8×1 image input → Flatten → `depth` Dense(4) layers (identity
 * kernels on the first 4 inputs, zero biases), `layerName(i)` naming Dense layer i.
 */
export function denseChainFiles(depth: number, layerName = (i: number) => `d${i}`): ModelFiles {
  const width = 4;
  const flatSize = 64;
  const layers: LayerJson[] = [
    {
      name: 'input',
      class_name: KERAS_CLASS.InputLayer,
      config: { name: 'input', batch_input_shape: [null, 8, 8, 1], dtype: 'float32' },
      inbound_nodes: [],
    },
    {
      name: 'flat',
      class_name: KERAS_CLASS.Flatten,
      config: { name: 'flat' },
      inbound_nodes: [[['input', 0, 0, {}]]],
    },
  ];
  const weights: WeightEntryJson[] = [];
  const values: number[] = [];
  for (let i = 0; i < depth; i++) {
    const name = layerName(i);
    const fanIn = i === 0 ? flatSize : width;
    layers.push({
      name,
      class_name: KERAS_CLASS.Dense,
      config: { name, units: width, activation: 'linear', use_bias: true },
      inbound_nodes: [[[i === 0 ? 'flat' : layerName(i - 1), 0, 0, {}]]],
    });
    weights.push({ name: `${name}/kernel`, shape: [fanIn, width], dtype: 'float32' });
    weights.push({ name: `${name}/bias`, shape: [width], dtype: 'float32' });
    for (let r = 0; r < fanIn; r++) for (let c = 0; c < width; c++) values.push(r === c ? 1 : 0);
    for (let c = 0; c < width; c++) values.push(0);
  }
  const last = depth === 0 ? 'flat' : layerName(depth - 1);
  const json = {
    format: 'layers-model',
    generatedBy: 'hostile-models',
    convertedBy: null,
    modelTopology: {
      class_name: 'Model',
      config: {
        name: 'chain',
        layers,
        input_layers: [['input', 0, 0]],
        output_layers: [[last, 0, 0]],
      },
    },
    weightsManifest: [{ paths: ['weights.bin'], weights }],
  };
  const bytes = new Uint8Array(Float32Array.from(values).buffer);
  return { 'model.json': encodeJson(json), 'weights.bin': bytes };
}
