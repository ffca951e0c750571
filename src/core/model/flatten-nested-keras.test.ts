import { describe, expect, it } from 'vitest';
import { LabError } from '../errors';
import {
  filesOf,
  tinyFunctionalJson,
  tinyWeightBytes,
  TINY_WEIGHTS,
} from '../../../test-support/model/fixture-models';
import { parseModelFiles } from './load-files';
import type { JsonRecord } from './model-json';

/**
 * The tiny two-Dense model (in → d1 → d2, fixture-models.ts) wrapped in nested models the way
 * Keras 2 (tf.keras, through the tfjs converter) and Keras 3 serialise them. Flattened, each
 * must equal the flat tiny model: same layers, wiring and weight values.
 */
const k2Input = (name: string, units: number) => ({
  class_name: 'InputLayer',
  name,
  config: { batch_input_shape: [null, units], dtype: 'float32', sparse: false, name },
  inbound_nodes: [],
});
const k2Dense = (name: string, units: number, inbound?: [string, number]) => ({
  class_name: 'Dense',
  ...(inbound && { name, inbound_nodes: [[[inbound[0], inbound[1], 0, {}]]] }),
  config: { name, units, activation: 'linear', use_bias: true, trainable: true },
});

/** tf.keras 2.x: Functional(in → Functional "base"(d1) → Sequential "head"(d2)). */
function keras2Json(): JsonRecord {
  const base = {
    class_name: 'Functional',
    name: 'base',
    config: {
      name: 'base',
      layers: [k2Input('base_in', 3), k2Dense('d1', 2, ['base_in', 0])],
      input_layers: [['base_in', 0, 0]],
      output_layers: [['d1', 0, 0]],
    },
    inbound_nodes: [[['in', 0, 0, {}]]],
  };
  const head = {
    class_name: 'Sequential',
    name: 'head',
    config: { name: 'head', layers: [k2Input('d2_input', 2), k2Dense('d2', 1)] },
    // Keras counts a nested model's own construction as call 0, so its first use is call 1.
    inbound_nodes: [[['base', 1, 0, {}]]],
  };
  const json = tinyFunctionalJson();
  json.modelTopology = {
    keras_version: '2.15.0',
    backend: 'tensorflow',
    model_config: {
      class_name: 'Functional',
      config: {
        name: 'outer',
        layers: [k2Input('in', 3), base, head],
        input_layers: [['in', 0, 0]],
        output_layers: [['head', 1, 0]],
      },
    },
  };
  return json;
}

const k3Tensor = (from: string, node: number) => ({
  class_name: '__keras_tensor__',
  config: { shape: [null, 3], dtype: 'float32', keras_history: [from, node, 0] },
});
const k3Dense = (name: string, units: number) => ({
  module: 'keras.layers',
  class_name: 'Dense',
  config: { name, trainable: true, dtype: 'float32', units, activation: 'linear', use_bias: true },
  registered_name: null,
  build_config: { input_shape: [null, 3] },
});

/** Keras 3: Functional(in → Sequential "base"(InputLayer, d1) → d2). */
function keras3Json(): JsonRecord {
  const input = (name: string) => ({
    module: 'keras.layers',
    class_name: 'InputLayer',
    config: { batch_shape: [null, 3], dtype: 'float32', sparse: false, name },
    registered_name: null,
  });
  const json = tinyFunctionalJson();
  json.modelTopology = {
    module: 'keras',
    class_name: 'Functional',
    keras_version: '3.6.0',
    config: {
      name: 'functional',
      layers: [
        { ...input('in'), name: 'in', inbound_nodes: [] },
        {
          module: 'keras',
          class_name: 'Sequential',
          name: 'base',
          config: { name: 'base', layers: [input('input_layer'), k3Dense('d1', 2)] },
          inbound_nodes: [{ args: [k3Tensor('in', 0)], kwargs: { training: false } }],
        },
        { ...k3Dense('d2', 1), name: 'd2', inbound_nodes: [{ args: [k3Tensor('base', 1)] }] },
      ],
      input_layers: ['in', 0, 0],
      output_layers: ['d2', 0, 0],
    },
  };
  return json;
}

function renameWeights(json: JsonRecord, names: string[]): JsonRecord {
  const weights = TINY_WEIGHTS.map((w, i) => ({ ...w, dtype: 'float32', name: names[i] }));
  return { ...json, weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights }] };
}

const flat = () =>
  parseModelFiles(filesOf(tinyFunctionalJson(), { 'group1-shard1of1.bin': tinyWeightBytes() }));

describe('nested Keras 2 and Keras 3 configs', () => {
  it.each([
    ['Keras 2 (bare and qualified weight names)', keras2Json(), ['base/d1/kernel', 'd1/bias']],
    ['Keras 3', keras3Json(), ['d1/kernel', 'functional/base/d1/bias']],
  ])('%s flattens to the flat tiny model', (_, json, d1Names) => {
    const named = renameWeights(json, [...d1Names, 'd2/kernel', 'd2/bias']);
    const spec = parseModelFiles(filesOf(named, { 'group1-shard1of1.bin': tinyWeightBytes() }));
    const reference = flat();
    expect(spec.layers.map((l) => [l.name, l.className, l.inbound])).toEqual([
      ['in', 'InputLayer', []],
      ['d1', 'Dense', ['in']],
      ['d2', 'Dense', ['d1']],
    ]);
    expect(spec.weights).toEqual(reference.weights);
    expect(spec.meta.nesting).toEqual({ in: [], d1: ['base'], d2: expect.any(Array) });
  });

  it('renames a layer whose name clashes across models and its weights with it', () => {
    const json = keras2Json();
    const outer = (json.modelTopology as { model_config: { config: { layers: JsonRecord[] } } })
      .model_config.config.layers;
    const head = outer[2].config as { layers: Array<{ config: { name: string } }> };
    head.layers[1].config.name = 'd1';
    const named = renameWeights(json, [
      'base/d1/kernel',
      'base/d1/bias',
      'head/d1/kernel',
      'head/d1/bias',
    ]);
    const spec = parseModelFiles(filesOf(named, { 'group1-shard1of1.bin': tinyWeightBytes() }));
    expect(spec.layers.map((l) => l.name)).toEqual(['in', 'd1', 'head_d1']);
    expect(spec.layers[2].weights).toEqual(['head_d1/kernel', 'head_d1/bias']);
    expect(spec.weights['head_d1/kernel'].data).toEqual(flat().weights['d2/kernel'].data);
  });

  it.each([
    [
      'a nested model with no layers',
      (j: JsonRecord) => (nestedOf(j, 1).config = { name: 'base', layers: [] }),
      'The nested model "base" in "model.json" has no layers.',
    ],
    [
      'a nested model called on too many tensors',
      (j: JsonRecord) =>
        (nestedOf(j, 1).inbound_nodes = [
          [
            ['in', 0, 0, {}],
            ['in', 0, 0, {}],
          ],
        ]),
      'The nested model "base" in "model.json" is called on 2 tensors but has 1 inputs.',
    ],
    [
      'a read of a second output the nested model lacks',
      (j: JsonRecord) => (nestedOf(j, 2).inbound_nodes = [[['base', 1, 1, {}]]]),
      'A layer of the model in "model.json" reads output #1 of "base", which has 1.',
    ],
    [
      'a layer reading a name its model lacks',
      (j: JsonRecord) => (nestedOf(j, 2).inbound_nodes = [[['nowhere', 0, 0, {}]]]),
      'Layer "head" of the model in "model.json" reads "nowhere", which no layer of that model produces before it.',
    ],
  ])('refuses %s', (_, edit, message) => {
    const json = keras2Json();
    edit(json);
    const files = filesOf(json, { 'group1-shard1of1.bin': tinyWeightBytes() });
    expect(() => parseModelFiles(files)).toThrow(new LabError('INVALID_MODEL', message));
  });
});

function nestedOf(json: JsonRecord, index: number): JsonRecord {
  return (json.modelTopology as { model_config: { config: { layers: JsonRecord[] } } }).model_config
    .config.layers[index];
}
