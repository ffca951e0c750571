import { LabError } from '../errors';
import { kerasFileOf, parseKerasFile } from '../formats/keras/read-keras';
import { dropUnknownKerasObjects } from '../limits/keras-configs';
import { checkLayerCount, checkRawLayerCount } from '../limits/layer-count';
import { checkModelLimits } from '../limits/weight-shapes';
import { assignWeightsToLayers } from './layer-weights';
import { flattenNestedModelJson } from './flatten-nested';
import { isRecord, ownField, parseJsonBytes, type JsonRecord } from './model-json';
import { basenameOf, groupBytes, ShardLookup } from './shard-bytes';
import type { LayerSpec, ModelSpec, WeightTensor } from './spec';
import { parseTopology } from './topology';
import { checkLayerNames } from './reserved-names';
import { checkWeightValues } from './weight-values';
import { decodeGroup, readManifest, type ManifestEntry } from './weights-manifest';

/**
 * A dropped folder or CLI directory (file name → bytes) → ModelSpec. The model JSON is
 * sniffed and every claim in it checked before any weight buffer is built; each way a file
 * set can be wrong has one LabError with one message (pinned in load-files.test.ts).
 */
export interface ParseModelOptions {
  /** Which file is the model JSON, when the caller knows; otherwise it is sniffed. */
  jsonPath?: string;
}

/** Far above any real layers-model JSON (they are kilobytes); refused before decoding. */
export const MAX_MODEL_JSON_BYTES = 64 * 1024 * 1024;

export function parseModelFiles(
  files: Record<string, Uint8Array>,
  opts: ParseModelOptions = {},
): ModelSpec {
  const kerasFile = opts.jsonPath === undefined ? kerasFileOf(files) : undefined;
  if (kerasFile !== undefined) return parseKerasFile(files[kerasFile], kerasFile);
  const { jsonPath, json } =
    opts.jsonPath !== undefined ? readJsonFile(files, opts.jsonPath) : findModelJson(files);
  return parseModelJson(json, jsonPath, files);
}

/** Parses an already-decoded model.json; shards are looked up in `files` by basename. */
export function parseModelJson(
  json: unknown,
  jsonPath: string,
  files: Record<string, Uint8Array>,
): ModelSpec {
  const checked = checkLayersModelJson(json, jsonPath);
  checkRawLayerCount(checked.modelTopology as JsonRecord, jsonPath);
  const flattened = flattenNestedModelJson(checked, jsonPath);
  const modelJson = flattened?.modelJson ?? checked;
  if (flattened) checkRawLayerCount(modelJson.modelTopology as JsonRecord, jsonPath);
  const topology = parseTopology(modelJson.modelTopology as JsonRecord, jsonPath);
  checkLayerCount(topology.layers.length, jsonPath);
  const groups = readManifest(ownField(modelJson, 'weightsManifest'), jsonPath);
  const entries = groups.flatMap((g) => g.entries);
  const assignment = assignWeightsToLayers(
    topology.layers,
    entries.map((e) => e.name),
    jsonPath,
  );
  checkLayerNames(topology.layers, jsonPath);
  const configNotes = dropUnknownKerasObjects(topology.layers);
  const bytes = groupBytes(groups, new ShardLookup(files, jsonPath), jsonPath);
  const decoded = new Map<string, WeightTensor>();
  groups.forEach((group, i) =>
    decodeGroup(group, bytes[i]).forEach((w, name) => decoded.set(name, w)),
  );
  const layers: LayerSpec[] = topology.layers.map((l) => ({
    ...l,
    weights: assignment.byLayer.get(l.name)!,
  }));
  const weights: Record<string, WeightTensor> = {};
  const storedWeightDtypes: Record<string, string> = {};
  const byName = new Map(entries.map((e) => [e.name, e]));
  for (const name of layers.flatMap((l) => l.weights)) {
    weights[name] = decoded.get(name)!;
    storedWeightDtypes[name] = byName.get(name)!.storedDtype;
  }
  const notes = [...configNotes, ...loadNotes(entries, assignment.orphans, layers)];
  const spec: ModelSpec = {
    name: topology.name,
    layers,
    inputLayers: topology.inputLayers,
    outputLayers: topology.outputLayers,
    inputShapes: topology.inputShapes,
    weights,
    meta: {
      sourceFormat: 'layers-model',
      ...(topology.kerasVersion !== undefined && { kerasVersion: topology.kerasVersion }),
      ...(topology.backend !== undefined && { backend: topology.backend }),
      storedWeightDtypes,
      ...(notes.length > 0 && { notes }),
      ...(flattened && { nesting: flattened.nesting }),
    },
  };
  // Config numbers, inferred shapes and weight shapes, before anything sizes an array from them.
  checkModelLimits(spec, jsonPath);
  const warnings = checkWeightValues(spec, jsonPath);
  if (warnings.length > 0) spec.meta.warnings = warnings;
  return spec;
}

function loadNotes(entries: ManifestEntry[], orphans: string[], layers: LayerSpec[]): string[] {
  const used = new Set(layers.flatMap((l) => l.weights));
  const notes = entries
    .filter((e) => e.dtype === 'int32' && used.has(e.name))
    .map((e) => `Weight "${e.name}" was stored as int32 and is used as float32.`);
  if (orphans.length > 0)
    notes.push(
      `Weights ${orphans.map((o) => `"${o}"`).join(', ')} belong to no layer and were ignored.`,
    );
  return notes;
}

function readJsonFile(
  files: Record<string, Uint8Array>,
  jsonPath: string,
): { jsonPath: string; json: unknown } {
  if (!Object.hasOwn(files, jsonPath)) {
    throw new LabError('MISSING_TOPOLOGY', `The model file "${jsonPath}" was not provided.`);
  }
  const bytes = files[jsonPath];
  if (bytes.byteLength > MAX_MODEL_JSON_BYTES) {
    throw new LabError(
      'FILE_TOO_LARGE',
      `File "${jsonPath}" is ${bytes.byteLength} bytes; a model JSON over ${MAX_MODEL_JSON_BYTES} bytes is refused.`,
    );
  }
  return { jsonPath, json: parseJsonBytes(bytes, jsonPath) };
}

/**
 * `model.json` if present; else the *.json that holds a modelTopology (or, failing that, a
 * weightsManifest, so the refusal can say what the file is). A single file of any name is
 * tried as JSON, so a wrongly dropped binary is reported as not JSON.
 */
function findModelJson(files: Record<string, Uint8Array>): { jsonPath: string; json: unknown } {
  const keys = Object.keys(files);
  if (keys.length === 0)
    throw new LabError(
      'MISSING_TOPOLOGY',
      'No files were given; a TensorFlow.js model needs its model.json.',
    );
  const named = keys.find((k) => basenameOf(k) === 'model.json');
  if (named !== undefined) return readJsonFile(files, named);
  let candidates = keys.filter((k) => basenameOf(k).toLowerCase().endsWith('.json'));
  if (candidates.length === 0 && keys.length === 1) candidates = keys;
  if (candidates.length === 0) {
    const listed = keys
      .slice(0, 5)
      .map((k) => `"${k}"`)
      .join(', ');
    throw new LabError(
      'MISSING_TOPOLOGY',
      `None of the given files (${listed}${keys.length > 5 ? ', …' : ''}) is a .json file; a TensorFlow.js model needs its model.json.`,
    );
  }
  if (candidates.length === 1) return readJsonFile(files, candidates[0]);
  const parsed: Array<{ jsonPath: string; json: unknown }> = [];
  let firstError: unknown;
  for (const key of [...candidates].sort()) {
    try {
      parsed.push(readJsonFile(files, key));
    } catch (e) {
      firstError ??= e;
    }
  }
  const has = (p: { json: unknown }, key: string) =>
    isRecord(p.json) && ownField(p.json, key) !== undefined;
  const pick =
    parsed.find((p) => has(p, 'modelTopology')) ??
    parsed.find((p) => has(p, 'weightsManifest')) ??
    parsed[0];
  if (!pick) throw firstError;
  return pick;
}

/** Sniffs what kind of TensorFlow.js file this is and refuses every kind but a layers model. */
function checkLayersModelJson(json: unknown, jsonPath: string): JsonRecord {
  if (Array.isArray(json) && json.every((g) => isRecord(g) && Object.hasOwn(g, 'paths')))
    throw manifestOnly(jsonPath);
  if (!isRecord(json)) {
    throw new LabError(
      'MISSING_TOPOLOGY',
      `File "${jsonPath}" holds JSON but no modelTopology; it is not a TensorFlow.js model.json.`,
    );
  }
  const topology = ownField(json, 'modelTopology');
  const isGraph =
    ownField(json, 'format') === 'graph-model' ||
    (isRecord(topology) && Array.isArray(ownField(topology, 'node')));
  if (isGraph) {
    throw new LabError(
      'GRAPH_MODEL',
      `"${jsonPath}" is a TensorFlow.js graph model (a converted SavedModel or frozen graph): its weights can be re-quantized one by one, but it cannot be pruned or restructured. Convert the Keras model with --output_format=tfjs_layers_model to prune it.`,
    );
  }
  if (topology === undefined || topology === null) {
    if (ownField(json, 'weightsManifest') !== undefined) throw manifestOnly(jsonPath);
    throw new LabError(
      'MISSING_TOPOLOGY',
      `File "${jsonPath}" has no modelTopology; it is not a TensorFlow.js layers model.`,
    );
  }
  if (!isRecord(topology)) {
    throw new LabError(
      'MISSING_TOPOLOGY',
      `The modelTopology in "${jsonPath}" is not a JSON object.`,
    );
  }
  return json;
}

function manifestOnly(jsonPath: string): LabError {
  return new LabError(
    'MANIFEST_ONLY',
    `File "${jsonPath}" lists weights (a weightsManifest) but has no modelTopology, so the layers are unknown; provide the model.json that holds both.`,
  );
}
