import { KERAS_CLASS } from '../layers/registry';
import { LabError } from '../errors';
import { parseInboundNodes, tensorRef, type TensorRef } from './inbound-nodes';
import { isRecord, ownField, type JsonRecord } from './model-json';

/**
 * Nested models → one flat functional topology, before the rest of the loader runs.
 *
 * A Teachable Machine image export is a Sequential whose first layer is a Sequential (the
 * MobileNet feature extractor, itself holding a functional model) followed by a classifier
 * Sequential; Keras transfer-learning models look the same. tfjs and Keras serialise such a
 * model as a layer whose `class_name` is 'Sequential', 'Model' or 'Functional' and whose config
 * holds its own layer list. Flattening inlines every nested model (any depth):
 * - a nested model's InputLayers become aliases of the tensors it is called on;
 * - a reference to a nested model (`["feat", 1, 0]`: Keras counts the model's own construction
 *   as node 0) becomes a reference to the flat layer that produces its output #tensorIndex;
 * - each leaf layer keeps its name (a clash across models gets the model path as a prefix)
 *   and records its nesting path, so the summary can show the original blocks;
 * - weight names are mapped to the flat `<layer>/<weight>` form tfjs itself writes, whether
 *   they came bare (`conv/kernel`, tfjs) or qualified (`sequential_1/conv/kernel`, Keras).
 * The flat model is what the lab prunes and exports, so the download loads in stock tfjs.
 */
const NESTED_CLASSES = new Set(['Sequential', 'Model', 'Functional']);
const SHAPE_KEYS = ['batch_input_shape', 'batchInputShape', 'batch_shape'];

export interface FlattenedModelJson {
  modelJson: JsonRecord;
  /** Flat layer name → names of the nested models around it, outermost first. */
  nesting: Record<string, string[]>;
}

interface Leaf {
  flatName: string;
  originalName: string;
  path: string[];
}

interface Context {
  jsonName: string;
  layers: JsonRecord[];
  leaves: Leaf[];
  taken: Set<string>;
}

interface RawLayer {
  name: string;
  className: string;
  config: JsonRecord;
  raw: JsonRecord;
}

/** Returns null when the model has no nested model (the common case: nothing changes). */
export function flattenNestedModelJson(
  modelJson: JsonRecord,
  jsonName: string,
): FlattenedModelJson | null {
  const topology = ownField(modelJson, 'modelTopology');
  if (!isRecord(topology)) return null;
  const wrapped = ownField(topology, 'model_config');
  const modelConfig = isRecord(wrapped) ? wrapped : topology;
  const className = ownField(modelConfig, 'class_name');
  if (typeof className !== 'string' || !NESTED_CLASSES.has(className)) return null;
  if (!layerList(ownField(modelConfig, 'config')).some(isNestedRaw)) return null;
  const ctx: Context = { jsonName, layers: [], leaves: [], taken: new Set() };
  const topName = modelName(modelConfig, className === 'Sequential' ? 'sequential' : 'model');
  const outputs = expandModel(modelConfig, [], null, ctx);
  const inputs = ctx.layers
    .filter((l) => l.class_name === KERAS_CLASS.InputLayer)
    .map((l) => l.name);
  const flatTopology: JsonRecord = {
    class_name: 'Model',
    config: {
      name: topName,
      layers: ctx.layers,
      input_layers: inputs.map((n) => [n, 0, 0]),
      output_layers: outputs.map((n) => [n, 0, 0]),
    },
    keras_version: ownField(topology, 'keras_version') ?? ownField(modelConfig, 'keras_version'),
    backend: ownField(topology, 'backend') ?? ownField(modelConfig, 'backend'),
  };
  const rename = weightRenamer(ctx.leaves, topName);
  const nesting: Record<string, string[]> = {};
  for (const leaf of ctx.leaves) nesting[leaf.flatName] = leaf.path;
  return {
    modelJson: {
      ...modelJson,
      modelTopology: flatTopology,
      weightsManifest: renameManifest(ownField(modelJson, 'weightsManifest'), rename),
    },
    nesting,
  };
}

function isNestedRaw(raw: unknown): boolean {
  return isRecord(raw) && NESTED_CLASSES.has(ownField(raw, 'class_name') as string);
}

function layerList(config: unknown): unknown[] {
  if (Array.isArray(config)) return config;
  const list = isRecord(config) ? ownField(config, 'layers') : undefined;
  return Array.isArray(list) ? list : [];
}

function modelName(modelConfig: JsonRecord, fallback: string): string {
  const config = ownField(modelConfig, 'config');
  const name =
    ownField(modelConfig, 'name') ?? (isRecord(config) ? ownField(config, 'name') : undefined);
  return typeof name === 'string' && name !== '' ? name : fallback;
}

function readRaw(raw: unknown, index: number, where: string, jsonName: string): RawLayer {
  const className = isRecord(raw) ? ownField(raw, 'class_name') : undefined;
  const config = isRecord(raw) ? ownField(raw, 'config') : undefined;
  const name = isRecord(raw)
    ? (ownField(raw, 'name') ?? (isRecord(config) ? ownField(config, 'name') : undefined))
    : undefined;
  if (!isRecord(raw) || typeof className !== 'string' || typeof name !== 'string' || name === '')
    throw new LabError(
      'INVALID_MODEL',
      `Layer #${index} of ${where} in "${jsonName}" lacks a class_name, a config or a name.`,
    );
  return { name, className, config: isRecord(config) ? config : {}, raw };
}

/** Expands one (nested or top) model; `inputs` are flat names, null at the model's input. */
function expandModel(
  modelConfig: JsonRecord,
  path: string[],
  inputs: string[] | null,
  ctx: Context,
): string[] {
  const className = ownField(modelConfig, 'class_name');
  const config = ownField(modelConfig, 'config');
  const where = path.length === 0 ? 'the model' : `nested model "${path[path.length - 1]}"`;
  const list = layerList(config);
  if (list.length === 0)
    throw new LabError('INVALID_MODEL', `The ${bare(where)} in "${ctx.jsonName}" has no layers.`);
  const raws = list.map((raw, i) => readRaw(raw, i, where, ctx.jsonName));
  if (className === 'Sequential') {
    const buildShape = isRecord(config) ? ownField(config, 'build_input_shape') : undefined;
    return [expandSequential(raws, path, inputs === null ? null : inputs[0], buildShape, ctx)];
  }
  return expandFunctional(raws, config as JsonRecord, path, inputs, ctx);
}

function expandSequential(
  raws: RawLayer[],
  path: string[],
  input: string | null,
  buildShape: unknown,
  ctx: Context,
): string {
  let current = input;
  for (const raw of raws) {
    if (raw.className === KERAS_CLASS.InputLayer) {
      current ??= emit(raw, path, [], ctx);
    } else if (NESTED_CLASSES.has(raw.className)) {
      current = expandModel(
        raw.raw,
        [...path, raw.name],
        current === null ? null : [current],
        ctx,
      )[0];
    } else {
      current ??= emitMadeUpInput(raw, path, buildShape, ctx);
      current = emit(raw, path, [[current, 0, 0]], ctx);
    }
  }
  return current!;
}

/** One model's layer names → the flat layers holding their outputs. */
interface Scope {
  where: string;
  outputsOf: Map<string, string[]>;
  /** Layers emitted as they are (not nested models, not input aliases). */
  leafNames: Set<string>;
}

function expandFunctional(
  raws: RawLayer[],
  config: JsonRecord,
  path: string[],
  inputs: string[] | null,
  ctx: Context,
): string[] {
  const where = path.length === 0 ? 'the model' : `nested model "${path[path.length - 1]}"`;
  const scope: Scope = { where, outputsOf: new Map(), leafNames: new Set() };
  const inputNames = endpoints(ownField(config, 'input_layers'), where, ctx.jsonName);
  if (inputs !== null && inputs.length !== inputNames.length)
    throw new LabError(
      'INVALID_MODEL',
      `The ${bare(where)} in "${ctx.jsonName}" is called on ${inputs.length} tensors but has ${inputNames.length} inputs.`,
    );
  let pending = raws;
  while (pending.length > 0) {
    const next = pending.filter(
      (raw) => !expandIfReady(raw, path, { inputs, inputNames }, scope, ctx),
    );
    if (next.length === pending.length) throw unresolved(next[0], scope, ctx.jsonName);
    pending = next;
  }
  return endpoints(ownField(config, 'output_layers'), where, ctx.jsonName).map((ref) =>
    resolve(ref, scope, ctx.jsonName),
  );
}

function bare(where: string): string {
  return where.replace(/^the /, '');
}

function unresolved(raw: RawLayer, scope: Scope, jsonName: string): LabError {
  const refs = parseInboundNodes(ownField(raw.raw, 'inbound_nodes'), raw.name, jsonName);
  const missing = refs.find((r) => !scope.outputsOf.has(r.layer))?.layer ?? '';
  return new LabError(
    'INVALID_MODEL',
    `Layer "${raw.name}" of ${scope.where} in "${jsonName}" reads "${missing}", which no layer of that model produces before it.`,
  );
}

/** Expands `raw` when every layer it reads is known; returns whether it did. */
function expandIfReady(
  raw: RawLayer,
  path: string[],
  call: { inputs: string[] | null; inputNames: TensorRef[] },
  scope: Scope,
  ctx: Context,
): boolean {
  if (raw.className === KERAS_CLASS.InputLayer) {
    const slot = call.inputNames.findIndex((r) => r.layer === raw.name);
    const alias = call.inputs !== null && slot >= 0 ? call.inputs[slot] : emit(raw, path, [], ctx);
    scope.outputsOf.set(raw.name, [alias]);
    return true;
  }
  const refs = parseInboundNodes(ownField(raw.raw, 'inbound_nodes'), raw.name, ctx.jsonName);
  if (!refs.every((r) => scope.outputsOf.has(r.layer))) return false;
  if (NESTED_CLASSES.has(raw.className)) {
    const flatInputs = refs.map((r) => resolve(r, scope, ctx.jsonName));
    scope.outputsOf.set(raw.name, expandModel(raw.raw, [...path, raw.name], flatInputs, ctx));
    return true;
  }
  // A nested model's output is read as call 0, output 0 of the flat layer producing it;
  // a leaf's own indices are kept so the topology check still refuses shared layers.
  const inbound = refs.map((r) =>
    scope.leafNames.has(r.layer)
      ? [scope.outputsOf.get(r.layer)![0], r.nodeIndex, r.tensorIndex]
      : [resolve(r, scope, ctx.jsonName), 0, 0],
  );
  scope.outputsOf.set(raw.name, [emit(raw, path, inbound, ctx)]);
  scope.leafNames.add(raw.name);
  return true;
}

/** A reference into this model's layers → the flat layer holding that tensor. */
function resolve(ref: TensorRef, scope: Scope, jsonName: string): string {
  const outputs = scope.outputsOf.get(ref.layer);
  if (outputs === undefined)
    throw new LabError(
      'INVALID_MODEL',
      `The outputs of ${scope.where} in "${jsonName}" name "${ref.layer}", which is not one of its layers.`,
    );
  if (ref.tensorIndex >= outputs.length)
    throw new LabError(
      'INVALID_MODEL',
      `A layer of ${scope.where} in "${jsonName}" reads output #${ref.tensorIndex} of "${ref.layer}", which has ${outputs.length}.`,
    );
  return outputs[ref.tensorIndex];
}

function endpoints(value: unknown, where: string, jsonName: string): TensorRef[] {
  if (!Array.isArray(value) || value.length === 0)
    throw new LabError(
      'INVALID_MODEL',
      `The ${bare(where)} in "${jsonName}" lists no input_layers or output_layers.`,
    );
  const entries = typeof value[0] === 'string' ? [value] : value;
  return entries.map((entry) => tensorRef(Array.isArray(entry) ? entry : [], where, jsonName));
}

function emit(raw: RawLayer, path: string[], inbound: unknown[][], ctx: Context): string {
  let flatName = raw.name;
  if (ctx.taken.has(flatName)) {
    const base = [...path, raw.name].join('_');
    flatName = base;
    for (let i = 2; ctx.taken.has(flatName); i++) flatName = `${base}_${i}`;
  }
  ctx.taken.add(flatName);
  ctx.leaves.push({ flatName, originalName: raw.name, path });
  ctx.layers.push({
    ...raw.raw,
    name: flatName,
    class_name: raw.className,
    config: { ...raw.config, name: flatName },
    inbound_nodes: inbound.length === 0 ? [] : [inbound.map((ref) => [...ref, {}])],
  });
  return flatName;
}

/** tfjs names the implicit input of a Sequential `<first layer>_input`. */
function emitMadeUpInput(
  first: RawLayer,
  path: string[],
  buildShape: unknown,
  ctx: Context,
): string {
  let batchShape: unknown;
  for (const key of SHAPE_KEYS) batchShape ??= ownField(first.config, key);
  const inputShape = ownField(first.config, 'input_shape');
  if (batchShape === undefined && Array.isArray(inputShape)) batchShape = [null, ...inputShape];
  batchShape ??= buildShape;
  if (!Array.isArray(batchShape))
    throw new LabError(
      'INVALID_MODEL',
      `The nested Sequential model "${path[path.length - 1] ?? 'sequential'}" in "${ctx.jsonName}" does not give its input shape (no batch_input_shape on its first layer "${first.name}").`,
    );
  const name = `${first.name}_input`;
  const dtype = typeof first.config.dtype === 'string' ? first.config.dtype : 'float32';
  const config = { batch_input_shape: batchShape, dtype, sparse: false, name };
  return emit({ name, className: KERAS_CLASS.InputLayer, config, raw: {} }, path, [], ctx);
}

/**
 * Weight name → flat weight name. A weight may be qualified by any tail of its layer's model
 * path (`feat/conv/kernel`, `outer/feat/conv/kernel`) or bare (`conv/kernel`) when that
 * layer name is unique; the longest known prefix wins. Unknown names pass through unchanged
 * (the loader then reports them as belonging to no layer).
 */
function weightRenamer(leaves: Leaf[], topName: string): (name: string) => string {
  const byKey = new Map<string, string | null>();
  const add = (key: string, flatName: string) =>
    byKey.set(key, byKey.has(key) && byKey.get(key) !== flatName ? null : flatName);
  for (const leaf of leaves) {
    const full = [topName, ...leaf.path, leaf.originalName];
    for (let i = 0; i < full.length; i++) add(full.slice(i).join('/'), leaf.flatName);
    add(leaf.flatName, leaf.flatName);
  }
  return (name) => {
    const parts = name.split('/');
    for (let cut = parts.length - 1; cut > 0; cut--) {
      const flat = byKey.get(parts.slice(0, cut).join('/'));
      if (flat) return [flat, ...parts.slice(cut)].join('/');
    }
    return name;
  };
}

function renameManifest(manifest: unknown, rename: (name: string) => string): unknown {
  if (!Array.isArray(manifest)) return manifest;
  return manifest.map((group) => {
    const weights = isRecord(group) ? ownField(group, 'weights') : undefined;
    if (!isRecord(group) || !Array.isArray(weights)) return group;
    return {
      ...group,
      weights: weights.map((w) =>
        isRecord(w) && typeof w.name === 'string' ? { ...w, name: rename(w.name) } : w,
      ),
    };
  });
}
