import { KERAS_CLASS } from '../../layers/registry';
import { RESERVED_LAYER_NAMES } from '../../model/reserved-names';
import type { Rng } from '../../random';
import { denseChainFiles } from '../hostile-models';
import type { Mutation } from './byte-mutations';
import {
  layerListOf,
  manifestWeightsOf,
  pick,
  randomInt,
  readJson,
  shardNamesOf,
  withJson,
  type FileSet,
} from './json-tree';

/**
 * Issue 19's classes as fuzz mutations: non-finite and corrupted-exponent weights, reserved
 * layer names, long chains, Keras config errors, dtype lies and shuffled shard order. Each
 * returns a new file set and never edits its input.
 */
function editShardFloats(files: FileSet, rng: Rng, edit: (bits: Uint32Array) => void): FileSet {
  const shards = shardNamesOf(files).filter((k) => files[k].byteLength >= 4);
  if (shards.length === 0) return files;
  const name = pick(rng, shards);
  const bytes = new Uint8Array(files[name]);
  const count = Math.floor(bytes.byteLength / 4);
  const start = randomInt(rng, 0, count - 1);
  const end = rng() < 0.3 ? count : randomInt(rng, start + 1, Math.min(count, start + 64));
  edit(new Uint32Array(bytes.buffer, start * 4, end - start));
  return { ...files, [name]: bytes };
}

const NON_FINITE_BITS = [0x7fc00000, 0x7f800000, 0xff800000, 0x7f800001];

function jsonEdit(name: string, edit: (json: unknown, rng: Rng) => void): Mutation {
  return {
    name,
    apply(files, rng) {
      const json = readJson(files);
      if (json === undefined) return files;
      edit(json, rng);
      return withJson(files, json);
    },
  };
}

/** Renames one layer everywhere its name appears as a whole string (inbound, outputs, weights). */
function renameEverywhere(node: unknown, from: string, to: string): unknown {
  if (Array.isArray(node)) return node.map((v) => renameEverywhere(v, from, to));
  if (node === from) return to;
  if (typeof node === 'string' && node.startsWith(`${from}/`)) return to + node.slice(from.length);
  if (typeof node === 'object' && node !== null) {
    const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const [k, v] of Object.entries(node)) out[k] = renameEverywhere(v, from, to);
    return out;
  }
  return node;
}

const CONFIG_ERRORS: ReadonlyArray<(config: Record<string, unknown>) => void> = [
  (c) => (c.kernel_initializer = { class_name: 'Bogus', config: {} }),
  (c) => (c.kernel_regularizer = { class_name: 'L2', config: { l2: 0.01 } }),
  (c) => (c.bias_constraint = { class_name: 'Odd', config: {} }),
  (c) => (c.activity_regularizer = 'l1'),
  (c) => (c.strides = [0, 0]),
  (c) => (c.units = -3),
  (c) => (c.epsilon = 0),
  (c) => (c.momentum = 7),
  (c) => (c.max_value = -1),
];

export const HOSTILE_MUTATIONS: readonly Mutation[] = [
  {
    name: 'non-finite-weight',
    apply: (files, rng) =>
      editShardFloats(files, rng, (bits) => bits.fill(pick(rng, NON_FINITE_BITS))),
  },
  {
    name: 'corrupt-exponent',
    apply: (files, rng) =>
      editShardFloats(files, rng, (bits) => {
        const exponent = pick(rng, [0, 1, 200, 254, 255]);
        for (let i = 0; i < bits.length; i++) bits[i] = (bits[i] & 0x807fffff) | (exponent << 23);
      }),
  },
  {
    name: 'shuffle-shard-order',
    apply(files) {
      const json = readJson(files);
      const manifest = (json as { weightsManifest?: unknown } | undefined)?.weightsManifest;
      if (!Array.isArray(manifest)) return files;
      for (const group of manifest)
        if (group && Array.isArray(group.paths)) group.paths = [...group.paths].reverse();
      return withJson(files, json);
    },
  },
  jsonEdit('reserved-layer-name', (j, r) => {
    const layers = layerListOf(j).filter((l) => typeof l.name === 'string');
    if (layers.length === 0) return;
    const from = pick(r, layers).name as string;
    const renamed = renameEverywhere(j, from, pick(r, [...RESERVED_LAYER_NAMES])) as object;
    for (const key of Object.keys(j as object)) delete (j as Record<string, unknown>)[key];
    Object.assign(j as object, renamed);
  }),
  jsonEdit('keras-config-error', (j, r) => {
    const layers = layerListOf(j).filter((l) => typeof l.config === 'object' && l.config);
    if (layers.length === 0) return;
    const layer = pick(r, layers);
    if (r() < 0.3) {
      layer.class_name = KERAS_CLASS.Dropout;
      (layer.config as Record<string, unknown>).rate = pick(r, [5, -0.5, 1, '0.5', null]);
    } else pick(r, CONFIG_ERRORS)(layer.config as Record<string, unknown>);
  }),
  jsonEdit('dtype-lie', (j, r) => {
    const weights = manifestWeightsOf(j);
    if (weights.length === 0) return;
    const w = pick(r, weights);
    if (r() < 0.5) w.dtype = pick(r, ['int32', 'float16', 'uint8', 'bool', 'complex64', 'string']);
    else w.quantization = pick(r, [{ dtype: 'float16' }, { dtype: 'uint8', scale: 1, min: 0 }]);
  }),
  {
    name: 'long-chain',
    apply: (_files, rng) =>
      denseChainFiles(rng() < 0.2 ? randomInt(rng, 1999, 2600) : randomInt(rng, 1, 120)),
  },
];
