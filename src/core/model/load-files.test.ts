import { describe, expect, it } from 'vitest';
import { float32ToFloat16Bits } from './float16';
import {
  filesOf,
  float32Bytes,
  TINY_VALUE_COUNT,
  tinyFiles,
  tinyFunctionalJson,
  tinyKeras20Json,
  tinyValue,
  tinyWeightBytes,
} from '../../../test-support/model/fixture-models';
import { parseModelFiles } from './load-files';
import type { ModelSpec } from './spec';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- fixtures poke into arbitrary JSON
type Json = any;

const EXPECTED = Array.from({ length: TINY_VALUE_COUNT }, (_, i) => tinyValue(i));

function allValues(spec: ModelSpec): number[] {
  return spec.layers.flatMap((l) => l.weights).flatMap((w) => Array.from(spec.weights[w].data));
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

describe('parseModelFiles', () => {
  it('reads the functional form tfjs 4 writes', () => {
    const spec = parseModelFiles(tinyFiles());
    expect(spec.name).toBe('tiny');
    expect(spec.layers.map((l) => [l.name, l.className, l.inbound])).toEqual([
      ['in', 'InputLayer', []],
      ['d1', 'Dense', ['in']],
      ['d2', 'Dense', ['d1']],
    ]);
    expect(spec.layers[1].weights).toEqual(['d1/kernel', 'd1/bias']);
    expect(spec.weights['d1/kernel'].shape).toEqual([3, 2]);
    expect(allValues(spec)).toEqual(EXPECTED);
    expect(spec.inputShapes).toEqual([[3]]);
    expect(spec.meta).toEqual({
      sourceFormat: 'layers-model',
      kerasVersion: 'tfjs-layers 4.22.0',
      backend: 'tensor_flow.js',
      storedWeightDtypes: {
        'd1/kernel': 'float32',
        'd1/bias': 'float32',
        'd2/kernel': 'float32',
        'd2/bias': 'float32',
      },
    });
  });

  it('reads Keras 2.0 Sequential (bare list, no format, shard without .bin) into graph form', () => {
    const spec = parseModelFiles(
      filesOf(tinyKeras20Json(), { 'group1-shard1of1': tinyWeightBytes() }),
    );
    expect(spec.layers.map((l) => [l.name, l.inbound])).toEqual([
      ['d1_input', []],
      ['d1', ['d1_input']],
      ['d2', ['d1']],
    ]);
    expect(spec.layers[0].config).toEqual({
      batch_input_shape: [null, 3],
      dtype: 'float32',
      sparse: false,
      name: 'd1_input',
    });
    expect(spec.inputLayers).toEqual(['d1_input']);
    expect(spec.outputLayers).toEqual(['d2']);
    expect(spec.inputShapes).toEqual([[3]]);
    expect(spec.meta.kerasVersion).toBe('2.0.8');
    expect(allValues(spec)).toEqual(EXPECTED);
  });

  it('reads a Sequential {name, layers} config that starts with an InputLayer', () => {
    const json: Json = tinyKeras20Json();
    const layers = json.modelTopology.model_config.config;
    delete layers[0].config.batch_input_shape;
    const input = {
      class_name: 'InputLayer',
      config: { name: 'pixels', batch_input_shape: [null, 3] },
    };
    json.modelTopology = {
      class_name: 'Sequential',
      config: { name: 'seq', layers: [input, ...layers] },
    };
    const spec = parseModelFiles(filesOf(json, { 'group1-shard1of1': tinyWeightBytes() }));
    expect(spec.name).toBe('seq');
    expect(spec.layers.map((l) => l.name)).toEqual(['pixels', 'd1', 'd2']);
    expect(spec.layers[1].inbound).toEqual(['pixels']);
  });

  it('joins two weight groups and a weight split across two shards', () => {
    const json: Json = tinyFunctionalJson();
    const weights = json.weightsManifest[0].weights;
    json.weightsManifest = [
      { paths: ['group1-shard1of2', 'group1-shard2of2'], weights: weights.slice(0, 2) },
      { paths: ['group2-shard1of1'], weights: weights.slice(2) },
    ];
    const bytes = tinyWeightBytes();
    // The cut at byte 10 falls inside d1/kernel (bytes 0–23).
    const files = filesOf(json, {
      'group1-shard1of2': bytes.slice(0, 10),
      'group1-shard2of2': bytes.slice(10, 32),
      'group2-shard1of1': bytes.slice(32),
    });
    const spec = parseModelFiles(files);
    expect(allValues(spec)).toEqual(EXPECTED);
  });

  it('dequantizes uint8 weights as q·scale + min and decodes float16 weights exactly', () => {
    const json: Json = tinyFunctionalJson();
    const [kernel, bias] = json.weightsManifest[0].weights;
    kernel.quantization = { dtype: 'uint8', scale: 0.1, min: -0.3 };
    bias.quantization = { dtype: 'float16' };
    const codes = new Uint8Array([0, 1, 2, 3, 254, 255]);
    const halves = new Uint8Array(
      new Uint16Array([float32ToFloat16Bits(-0.25), float32ToFloat16Bits(65504)]).buffer,
    );
    const rest = float32Bytes([tinyValue(8), tinyValue(9), tinyValue(10)]);
    const spec = parseModelFiles(
      filesOf(json, { 'group1-shard1of1.bin': concat(codes, halves, rest) }),
    );
    expect(Array.from(spec.weights['d1/kernel'].data)).toEqual(
      Array.from(codes, (q) => Math.fround(q * 0.1 - 0.3)),
    );
    expect(Array.from(spec.weights['d1/bias'].data)).toEqual([-0.25, 65504]);
    expect(Array.from(spec.weights['d2/bias'].data)).toEqual([tinyValue(10)]);
    expect(spec.meta.storedWeightDtypes).toEqual({
      'd1/kernel': 'uint8',
      'd1/bias': 'float16',
      'd2/kernel': 'float32',
      'd2/bias': 'float32',
    });
  });

  it('reads the Keras 3 functional form (keras_history tensors, batch_shape, single endpoints)', () => {
    const json: Json = tinyFunctionalJson();
    const tensor = (from: string) => ({
      class_name: '__keras_tensor__',
      config: { shape: [null, 2], dtype: 'float32', keras_history: [from, 0, 0] },
    });
    const [input, d1, d2] = json.modelTopology.config.layers;
    input.config = { name: 'in', batch_shape: [null, 3], dtype: 'float32' };
    d1.inbound_nodes = [{ args: [tensor('in')], kwargs: {} }];
    d2.inbound_nodes = [{ args: [tensor('d1')], kwargs: { training: false } }];
    const add = {
      class_name: 'Add',
      name: 'sum',
      config: { name: 'sum' },
      inbound_nodes: [{ args: [[tensor('d1'), tensor('d1')]], kwargs: {} }],
    };
    json.modelTopology.config.layers.push(add);
    json.modelTopology.config.input_layers = ['in', 0, 0];
    json.modelTopology.config.output_layers = [
      ['d2', 0, 0],
      ['sum', 0, 0],
    ];
    const spec = parseModelFiles(filesOf(json, { 'group1-shard1of1.bin': tinyWeightBytes() }));
    expect(spec.layers.map((l) => [l.name, l.inbound])).toEqual([
      ['in', []],
      ['d1', ['in']],
      ['d2', ['d1']],
      ['sum', ['d1', 'd1']],
    ]);
    expect(spec.inputShapes).toEqual([[3]]);
    expect(spec.outputLayers).toEqual(['d2', 'sum']);
  });

  it('orders layers topologically even when the file lists them out of order', () => {
    const json: Json = tinyFunctionalJson();
    json.modelTopology.config.layers.reverse();
    const spec = parseModelFiles(filesOf(json, { 'group1-shard1of1.bin': tinyWeightBytes() }));
    expect(spec.layers.map((l) => l.name)).toEqual(['in', 'd1', 'd2']);
  });

  it('matches hostile manifest paths by basename only, preferring the file beside the JSON', () => {
    const json: Json = tinyFunctionalJson(['../../secret/group1-shard1of1.bin']);
    const files = {
      'dropped/model.json': new TextEncoder().encode(JSON.stringify(json)),
      'elsewhere/group1-shard1of1.bin': new Uint8Array(44),
      'dropped/group1-shard1of1.bin': tinyWeightBytes(),
    };
    expect(allValues(parseModelFiles(files))).toEqual(EXPECTED);
    json.weightsManifest[0].paths = ['https://evil.example/x/group1-shard1of1.bin'];
    expect(
      allValues(parseModelFiles(filesOf(json, { 'group1-shard1of1.bin': tinyWeightBytes() }))),
    ).toEqual(EXPECTED);
  });

  it('drops __proto__ and constructor keys instead of letting them reach a prototype', () => {
    const text = JSON.stringify(tinyFunctionalJson())
      .replace(
        '{"format"',
        '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":2}},"format"',
      )
      .replace('"units":2,', '"units":2,"__proto__":{"polluted":3},');
    expect(text.match(/__proto__/g)).toHaveLength(2);
    const spec = parseModelFiles({
      'model.json': new TextEncoder().encode(text),
      'group1-shard1of1.bin': tinyWeightBytes(),
    });
    const config = spec.layers[1].config;
    expect(({} as Record<string, unknown>).polluted).toBe(undefined);
    expect(Object.getPrototypeOf(config)).toBe(Object.prototype);
    expect([Object.hasOwn(config, '__proto__'), config.units]).toEqual([false, 2]);
  });

  it('converts int32 weights and ignores orphan weights, saying so in meta.notes', () => {
    const json: Json = tinyFunctionalJson();
    json.weightsManifest[0].weights[3].dtype = 'int32';
    json.weightsManifest[0].weights.push({
      name: 'optimizer/iterations',
      shape: [],
      dtype: 'float32',
    });
    const bytes = concat(
      tinyWeightBytes().slice(0, 40),
      new Uint8Array(new Int32Array([-7]).buffer),
      float32Bytes([5]),
    );
    const spec = parseModelFiles(filesOf(json, { 'group1-shard1of1.bin': bytes }));
    expect(Array.from(spec.weights['d2/bias'].data)).toEqual([-7]);
    expect(spec.meta.storedWeightDtypes['d2/bias']).toBe('int32');
    expect(Object.keys(spec.weights)).toEqual(['d1/kernel', 'd1/bias', 'd2/kernel', 'd2/bias']);
    expect(spec.meta.notes).toEqual([
      'Weight "d2/bias" was stored as int32 and is used as float32.',
      'Weights "optimizer/iterations" belong to no layer and were ignored.',
    ]);
  });

  it('reads shards that are views into a larger buffer (as Node Buffers are)', () => {
    const pool = new Uint8Array(64).fill(0xaa);
    pool.set(tinyWeightBytes(), 3);
    // A Buffer's slice() shares memory, unlike Uint8Array's: the decoder must copy.
    const view = Buffer.from(pool.buffer, 3, 44);
    expect(
      allValues(parseModelFiles(filesOf(tinyFunctionalJson(), { 'group1-shard1of1.bin': view }))),
    ).toEqual(EXPECTED);
  });

  it('finds the model JSON among several JSON files and ignores unparsable ones', () => {
    const files = {
      'labels.json': new TextEncoder().encode('["cat", "dog"]'),
      'broken.json': new TextEncoder().encode('{'),
      'my-model.json': new TextEncoder().encode(JSON.stringify(tinyFunctionalJson())),
      'group1-shard1of1.bin': tinyWeightBytes(),
    };
    expect(parseModelFiles(files).name).toBe('tiny');
    expect(parseModelFiles(files, { jsonPath: 'my-model.json' }).layers).toHaveLength(3);
  });
});
