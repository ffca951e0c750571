import { KERAS_CLASS } from '../../layers/registry';
import type { Rng } from '../../random';
import type { Mutation } from './byte-mutations';
import {
  allPaths,
  deepMarker,
  getAt,
  layerListOf,
  manifestWeightsOf,
  pathsEndingIn,
  pick,
  randomInt,
  readJson,
  setAt,
  withJson,
  type FileSet,
  type JsonPath,
} from './json-tree';

/**
 * Mutations of the parsed model.json: missing and corrupted fields at random paths, wrong
 * shapes and dtypes, absurd sizes, deep nesting, prototype keys, hostile manifest paths,
 * duplicate names, inbound cycles, and non-finite numbers written as JSON text.
 */
function jsonMutation(name: string, edit: (json: unknown, rng: Rng) => void): Mutation {
  return {
    name,
    apply(files: FileSet, rng: Rng): FileSet {
      const json = readJson(files);
      if (json === undefined) return files;
      edit(json, rng);
      return withJson(files, json);
    },
  };
}

const JUNK: readonly unknown[] = [
  null,
  0,
  -1,
  1.5,
  2 ** 31,
  2 ** 53,
  -(2 ** 53),
  '',
  'x',
  '../x',
  [],
  [null],
  [[[]]],
  {},
  { a: 1 },
  true,
  false,
  [-1, 2],
  ['3', '4'],
  'Infinity',
];

const ABSURD_NUMBERS: readonly unknown[] = [
  0,
  -1,
  -3,
  0.5,
  1e9,
  2 ** 31,
  2 ** 53,
  1e308,
  -1e308,
  [0, 0],
  [1e9, 1e9],
  [-2, 3],
  [2.5, 1],
];

/** Config keys that size tensors or drive shape inference. */
const SIZE_KEYS = [
  'filters',
  'units',
  'kernel_size',
  'strides',
  'pool_size',
  'size',
  'depth_multiplier',
  'dilation_rate',
  'padding',
  'target_shape',
  'axis',
  'batch_input_shape',
  'rate',
  'max_value',
];

function randomPath(json: unknown, rng: Rng): JsonPath | undefined {
  const paths = allPaths(json);
  return paths.length === 0 ? undefined : pick(rng, paths);
}

function editLayers(
  json: unknown,
  rng: Rng,
  edit: (layers: Array<Record<string, unknown>>) => void,
): void {
  const layers = layerListOf(json);
  if (layers.length > 0) edit(layers);
  else setAt(json, randomPath(json, rng) ?? ['x'], null);
}

function layerName(layer: Record<string, unknown>): unknown {
  return layer.name ?? getAt(layer, ['config', 'name']);
}

function renameLayer(layer: Record<string, unknown>, name: unknown): void {
  if ('name' in layer) layer.name = name;
  const config = layer.config;
  if (typeof config === 'object' && config !== null)
    (config as Record<string, unknown>).name = name;
}

const SHAPES: readonly unknown[] = [
  [],
  [0],
  [1],
  [2, 2],
  [3, 3, 3, 3, 3],
  [-1],
  [1.5],
  ['2'],
  null,
  'x',
  [2 ** 20, 2 ** 20],
  [2 ** 30],
  [1e308],
];
const DTYPES: readonly unknown[] = [
  'int8',
  'float64',
  'string',
  'bool',
  'complex64',
  'int32',
  'uint8',
  7,
  null,
  '',
];
const QUANTIZATIONS: readonly unknown[] = [
  { dtype: 'uint8' },
  { dtype: 'uint8', scale: 'a', min: 0 },
  { dtype: 'uint4', scale: 1, min: 0 },
  { dtype: 'float16' },
  { dtype: 'uint16', scale: 1e-3, min: -1 },
  'uint8',
  [],
  { dtype: 'uint8', scale: 0, min: 0 },
  { dtype: 'int8', scale: 1, min: 0 },
];
const HOSTILE_PATHS: readonly string[] = [
  '../weights.bin',
  '/etc/passwd',
  'https://evil.example/weights.bin',
  'file:///C:/weights.bin',
  '..\\..\\weights.bin',
  'a/../../weights.bin',
  '.',
  '',
  '//',
  'data:application/octet-stream;base64,AAAA',
  '\u0000',
  '%2e%2e/weights.bin',
];
const CLASS_NAMES: readonly string[] = [
  KERAS_CLASS.Dense,
  KERAS_CLASS.Conv2D,
  KERAS_CLASS.Add,
  KERAS_CLASS.Concatenate,
  KERAS_CLASS.Flatten,
  KERAS_CLASS.Reshape,
  KERAS_CLASS.DepthwiseConv2D,
  KERAS_CLASS.SeparableConv2D,
  KERAS_CLASS.Conv2DTranspose,
  KERAS_CLASS.BatchNormalization,
  KERAS_CLASS.MaxPooling2D,
  KERAS_CLASS.GlobalAveragePooling2D,
  KERAS_CLASS.InputLayer,
  'Lambda',
  'Sequential',
  'Model',
  KERAS_CLASS.ZeroPadding2D,
  KERAS_CLASS.UpSampling2D,
  KERAS_CLASS.Activation,
  '__proto__',
  'constructor',
  'toString',
  '',
];

export const JSON_MUTATIONS: readonly Mutation[] = [
  jsonMutation('delete-field', (j, r) => {
    const path = randomPath(j, r);
    if (path) setAt(j, path, undefined, true);
  }),
  jsonMutation('corrupt-field', (j, r) => {
    const path = randomPath(j, r);
    if (path) setAt(j, path, structuredClone(pick(r, JUNK)));
  }),
  jsonMutation('wrong-shape', (j, r) => {
    const weights = manifestWeightsOf(j);
    if (weights.length > 0) pick(r, weights).shape = structuredClone(pick(r, SHAPES));
  }),
  jsonMutation('wrong-dtype', (j, r) => {
    const weights = manifestWeightsOf(j);
    if (weights.length > 0) pick(r, weights).dtype = pick(r, DTYPES);
  }),
  jsonMutation('junk-quantization', (j, r) => {
    const weights = manifestWeightsOf(j);
    if (weights.length > 0) pick(r, weights).quantization = structuredClone(pick(r, QUANTIZATIONS));
  }),
  jsonMutation('absurd-size', (j, r) => {
    const paths = pathsEndingIn(j, SIZE_KEYS);
    if (paths.length > 0) setAt(j, pick(r, paths), structuredClone(pick(r, ABSURD_NUMBERS)));
  }),
  jsonMutation('huge-claimed-bytes', (j, r) => {
    const weights = manifestWeightsOf(j);
    if (weights.length > 0)
      pick(r, weights).shape = pick(r, [
        [2 ** 14, 2 ** 14],
        [2 ** 13, 2 ** 13, 4],
        [65536, 4096],
        [2 ** 31],
        [2 ** 26, 2],
      ]);
  }),
  jsonMutation('deep-nesting', (j, r) => {
    const path = randomPath(j, r);
    if (path) setAt(j, path, deepMarker(pick(r, [40, 70, 200, 5000])));
  }),
  jsonMutation('prototype-keys', (j, r) => {
    const objects = [j, ...allPaths(j).map((p) => getAt(j, p))].filter(
      (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
    );
    const target = pick(r, objects);
    const key = pick(r, ['__proto__', 'constructor', 'prototype']);
    setAt({ root: target }, ['root', key], { polluted: 'yes', name: 'x', toString: 1, layers: [] });
  }),
  jsonMutation('prototype-names', (j, r) => {
    const name = pick(r, [
      '__proto__',
      'constructor',
      'prototype',
      'toString',
      'hasOwnProperty',
      'valueOf',
    ]);
    editLayers(j, r, (layers) => renameLayer(pick(r, layers), name));
    const weights = manifestWeightsOf(j);
    if (weights.length > 0 && r() < 0.5)
      pick(r, weights).name = r() < 0.5 ? name : `${name}/kernel`;
  }),
  jsonMutation('hostile-manifest-path', (j, r) => {
    const paths = pathsEndingIn(j, ['paths']);
    if (paths.length > 0) setAt(j, [...pick(r, paths), 0], pick(r, HOSTILE_PATHS));
  }),
  jsonMutation('duplicate-layer-name', (j, r) => {
    editLayers(j, r, (layers) => renameLayer(pick(r, layers), layerName(pick(r, layers))));
  }),
  jsonMutation('inbound-cycle', (j, r) => {
    editLayers(j, r, (layers) => {
      const from = randomInt(r, 0, layers.length - 1);
      const to = randomInt(r, from, layers.length - 1);
      layers[from].inbound_nodes = [[[layerName(layers[to]), 0, 0, {}]]];
    });
  }),
  jsonMutation('swap-class-name', (j, r) => {
    editLayers(j, r, (layers) => {
      pick(r, layers).class_name = pick(r, CLASS_NAMES);
    });
  }),
  jsonMutation('rewire-inbound', (j, r) => {
    editLayers(j, r, (layers) => {
      const target = pick(r, layers);
      const sources = [pick(r, layers), pick(r, layers)].map((l) => [
        layerName(l),
        randomInt(r, 0, 1),
        randomInt(r, 0, 1),
        {},
      ]);
      target.inbound_nodes = pick(r, [
        [sources],
        [sources.slice(0, 1)],
        [[]],
        [sources, sources],
        [[['missing', 0, 0, {}]]],
        'x',
      ]);
    });
  }),
  jsonMutation('shuffle-manifest', (j, r) => {
    const weights = manifestWeightsOf(j);
    for (let i = weights.length - 1; i > 0; i--) {
      const k = randomInt(r, 0, i);
      [weights[i].name, weights[k].name] = [weights[k].name, weights[i].name];
    }
  }),
];

/** JSON has no NaN or Infinity, but Python's json module writes them; 1e999 parses to Infinity. */
export const NON_FINITE_MUTATION: Mutation = {
  name: 'non-finite-number',
  apply(files: FileSet, rng: Rng): FileSet {
    const name = Object.keys(files).find((k) => k.endsWith('.json'));
    if (name === undefined) return files;
    const text = new TextDecoder().decode(files[name]);
    const numbers = [...text.matchAll(/(?<=[:,[]\s*)-?\d+(\.\d+)?(e[-+]?\d+)?/g)];
    if (numbers.length === 0) return files;
    const match = pick(rng, numbers);
    const replacement = pick(rng, [
      'NaN',
      'Infinity',
      '-Infinity',
      '1e999',
      '-1e999',
      '1e-999',
      '-0',
    ]);
    const edited =
      text.slice(0, match.index) + replacement + text.slice(match.index! + match[0].length);
    return { ...files, [name]: new TextEncoder().encode(edited) };
  },
};
