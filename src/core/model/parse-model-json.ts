// The tfjs layers-model JSON reader: every claim of a model.json checked before weights are built.
import { LabError } from '../errors';
import { dropUnknownKerasObjects } from '../limits/keras-configs';
import { checkLayerCount, checkRawLayerCount } from '../limits/layer-count';
import { checkModelLimits } from '../limits/weight-shapes';
import { assignWeightsToLayers } from './layer-weights';
import { flattenNestedModelJson } from './flatten-nested';
import { isRecord, ownField, type JsonRecord } from './model-json';
import { groupBytes, ShardLookup } from './shard-bytes';
import type { LayerSpec, ModelSpec, WeightTensor } from './spec';
import { parseTopology } from './topology';
import { checkLayerNames } from './reserved-names';
import { checkWeightValues } from './weight-values';
import { decodeGroup, readManifest, type ManifestEntry } from './weights-manifest';

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
