import { KERAS_CLASS } from '../layers/registry';
import { LabError } from '../errors';
import { parseInboundNodes, tensorRef, type TensorRef } from './inbound-nodes';
import { isRecord, ownField, type JsonRecord } from './model-json';
import { checkEndpoints, sortLayersTopologically, type TopologyLayer } from './topology-order';

/**
 * Keras topology JSON → a layer graph. Accepts `modelTopology` as `{model_config: …}` or
 * directly `{class_name, config}`; Sequential configs as a bare layer list (Keras 2.0) or
 * `{name, layers}`; functional configs ('Model' / 'Functional'). Sequential models become
 * the graph form: each layer's inbound is the previous layer, with an InputLayer made up
 * from the first layer's input shape when the list has none (as tfjs itself does).
 */
export type { TopologyLayer } from './topology-order';

export interface ParsedTopology {
  name: string;
  layers: TopologyLayer[];
  inputLayers: string[];
  outputLayers: string[];
  inputShapes: number[][];
  kerasVersion?: string;
  backend?: string;
}

const NESTED_MODEL_CLASSES = new Set(['Sequential', 'Model', 'Functional']);
const INPUT_SHAPE_KEYS = ['batch_input_shape', 'batchInputShape', 'batch_shape'];

export function parseTopology(topology: JsonRecord, jsonName: string): ParsedTopology {
  const wrapped = ownField(topology, 'model_config');
  const modelConfig = isRecord(wrapped) ? wrapped : topology;
  const className = ownField(modelConfig, 'class_name');
  const config = ownField(modelConfig, 'config');
  const versions = {
    kerasVersion: optionalString(
      ownField(topology, 'keras_version') ?? ownField(modelConfig, 'keras_version'),
    ),
    backend: optionalString(ownField(topology, 'backend') ?? ownField(modelConfig, 'backend')),
  };
  let parsed: Omit<ParsedTopology, 'inputShapes' | 'kerasVersion' | 'backend'>;
  if (className === 'Sequential') parsed = parseSequential(config, jsonName);
  else if (className === 'Model' || className === 'Functional')
    parsed = parseFunctional(config, jsonName);
  else {
    throw new LabError(
      'INVALID_MODEL',
      `The modelTopology in "${jsonName}" has class_name ${JSON.stringify(className ?? null)}; expected "Sequential", "Model" or "Functional".`,
    );
  }
  const layers = sortLayersTopologically(parsed.layers, jsonName);
  checkEndpoints(layers, parsed.inputLayers, parsed.outputLayers, jsonName);
  const byName = new Map(layers.map((l) => [l.name, l]));
  const inputShapes = parsed.inputLayers.map((name) => inputShapeOf(byName.get(name)!, jsonName));
  return { ...parsed, layers, inputShapes, ...versions };
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

interface RawLayer {
  name: string;
  className: string;
  config: JsonRecord;
  raw: JsonRecord;
}

function readRawLayer(raw: unknown, index: number, jsonName: string): RawLayer {
  const className = isRecord(raw) ? ownField(raw, 'class_name') : undefined;
  const config = isRecord(raw) ? ownField(raw, 'config') : undefined;
  const name = isRecord(raw)
    ? (ownField(raw, 'name') ?? (isRecord(config) ? ownField(config, 'name') : undefined))
    : undefined;
  if (
    !isRecord(raw) ||
    typeof className !== 'string' ||
    !isRecord(config) ||
    typeof name !== 'string' ||
    name === ''
  ) {
    throw new LabError(
      'INVALID_MODEL',
      `Layer #${index} in "${jsonName}" lacks a class_name, a config or a name.`,
    );
  }
  if (NESTED_MODEL_CLASSES.has(className)) {
    throw new LabError(
      'UNSUPPORTED',
      `Layer "${name}" in "${jsonName}" is a nested ${className} model; nested models are not supported, flatten it first.`,
    );
  }
  return { name, className, config, raw };
}

function parseSequential(config: unknown, jsonName: string) {
  const list = Array.isArray(config)
    ? config
    : isRecord(config)
      ? ownField(config, 'layers')
      : undefined;
  if (!Array.isArray(list) || list.length === 0) {
    throw new LabError('INVALID_MODEL', `The Sequential model in "${jsonName}" has no layers.`);
  }
  const name = (isRecord(config) && optionalString(ownField(config, 'name'))) || 'sequential';
  const raws = list.map((raw, i) => readRawLayer(raw, i, jsonName));
  const layers: TopologyLayer[] = [];
  if (raws[0].className !== KERAS_CLASS.InputLayer) {
    const buildShape = isRecord(config) ? ownField(config, 'build_input_shape') : undefined;
    layers.push(madeUpInputLayer(raws[0], buildShape, raws, jsonName));
  }
  for (const raw of raws) {
    const previous = layers[layers.length - 1];
    layers.push({
      name: raw.name,
      className: raw.className,
      config: raw.config,
      inbound: previous ? [previous.name] : [],
    });
  }
  return {
    name,
    layers,
    inputLayers: [layers[0].name],
    outputLayers: [layers[layers.length - 1].name],
  };
}

/** tfjs names the implicit input of a Sequential model `<first layer>_input`. */
function madeUpInputLayer(
  first: RawLayer,
  buildShape: unknown,
  raws: RawLayer[],
  jsonName: string,
): TopologyLayer {
  const batchShape =
    batchShapeOf(first.config) ?? (Array.isArray(buildShape) ? buildShape : undefined);
  if (!batchShape) {
    throw new LabError(
      'INVALID_MODEL',
      `The Sequential model in "${jsonName}" does not give its input shape (no batch_input_shape on its first layer "${first.name}").`,
    );
  }
  const taken = new Set(raws.map((r) => r.name));
  let name = `${first.name}_input`;
  for (let i = 1; taken.has(name); i++) name = `${first.name}_input_${i}`;
  const dtype = typeof first.config.dtype === 'string' ? first.config.dtype : 'float32';
  return {
    name,
    className: KERAS_CLASS.InputLayer,
    config: { batch_input_shape: batchShape, dtype, sparse: false, name },
    inbound: [],
  };
}

function batchShapeOf(config: JsonRecord): unknown[] | undefined {
  for (const key of INPUT_SHAPE_KEYS) {
    const value = ownField(config, key);
    if (Array.isArray(value)) return value;
  }
  for (const key of ['input_shape', 'inputShape']) {
    const value = ownField(config, key);
    if (Array.isArray(value)) return [null, ...value];
  }
  return undefined;
}

function parseFunctional(config: unknown, jsonName: string) {
  const list = isRecord(config) ? ownField(config, 'layers') : undefined;
  if (!isRecord(config) || !Array.isArray(list) || list.length === 0) {
    throw new LabError('INVALID_MODEL', `The functional model in "${jsonName}" has no layers.`);
  }
  const name = optionalString(ownField(config, 'name')) || 'model';
  const layers = list.map((raw, i) => {
    const layer = readRawLayer(raw, i, jsonName);
    const refs = parseInboundNodes(ownField(layer.raw, 'inbound_nodes'), layer.name, jsonName);
    refs.forEach((ref) => checkSingleUse(ref, layer.name, jsonName));
    return {
      name: layer.name,
      className: layer.className,
      config: layer.config,
      inbound: refs.map((r) => r.layer),
    };
  });
  const inputLayers = endpointNames(ownField(config, 'input_layers'), 'input_layers', jsonName);
  const outputLayers = endpointNames(ownField(config, 'output_layers'), 'output_layers', jsonName);
  return { name, layers, inputLayers, outputLayers };
}

function checkSingleUse(ref: TensorRef, consumer: string, jsonName: string): void {
  if (ref.nodeIndex !== 0) {
    throw new LabError(
      'UNSUPPORTED',
      `Layer "${consumer}" in "${jsonName}" reads call #${ref.nodeIndex} of layer "${ref.layer}", which makes "${ref.layer}" a shared layer; the lab needs every layer to be called exactly once.`,
    );
  }
  if (ref.tensorIndex !== 0) {
    throw new LabError(
      'UNSUPPORTED',
      `Layer "${consumer}" in "${jsonName}" reads output #${ref.tensorIndex} of layer "${ref.layer}"; layers with several outputs are not supported.`,
    );
  }
}

/** `[["in", 0, 0], …]`, or a single `["in", 0, 0]` as Keras 3 writes for one endpoint. */
function endpointNames(value: unknown, key: string, jsonName: string): string[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new LabError('INVALID_MODEL', `The functional model in "${jsonName}" has no ${key}.`);
  }
  const entries = typeof value[0] === 'string' ? [value] : value;
  return entries.map((entry) => {
    if (!Array.isArray(entry))
      throw new LabError('INVALID_MODEL', `The ${key} of "${jsonName}" are malformed.`);
    const ref = tensorRef(entry, key, jsonName);
    checkSingleUse(ref, key === 'input_layers' ? 'model input' : 'model output', jsonName);
    return ref.layer;
  });
}

function inputShapeOf(layer: TopologyLayer, jsonName: string): number[] {
  const batchShape = batchShapeOf(layer.config);
  if (!batchShape || batchShape.length < 2) {
    throw new LabError(
      'INVALID_MODEL',
      `Input layer "${layer.name}" in "${jsonName}" has no batch_input_shape.`,
    );
  }
  const shape = batchShape.slice(1);
  if (!shape.every((d) => Number.isSafeInteger(d) && (d as number) > 0)) {
    throw new LabError(
      'UNSUPPORTED',
      `Input layer "${layer.name}" in "${jsonName}" has input shape ${JSON.stringify(shape)}; the lab needs every dimension but the batch fixed (positive integers).`,
    );
  }
  return shape as number[];
}
