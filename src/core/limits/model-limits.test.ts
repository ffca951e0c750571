import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { LabError } from '../errors';
import {
  filesOf,
  tinyFunctionalJson,
  tinyWeightBytes,
} from '../../../test-support/model/fixture-models';
import { parseModelFiles } from '../model/load-files';
import type { JsonRecord } from '../model/model-json';
import type { ModelSpec } from '../model/spec';
import { buildLayersModel } from '../model/tf-bridge';

/**
 * Regression tests for what the fuzzer found: each of these files used to load and then throw a
 * RangeError, allocate gigabytes (a 286 s "hang"), or fail inside TensorFlow.js while leaking tensors.
 */
type Layer = { class_name: string; config: JsonRecord; inbound_nodes: unknown[] };

function tinyWith(edit: (layers: Layer[], json: JsonRecord) => void): Record<string, Uint8Array> {
  const json = tinyFunctionalJson();
  edit((json.modelTopology as { config: { layers: Layer[] } }).config.layers, json);
  return filesOf(json, { 'group1-shard1of1.bin': tinyWeightBytes() });
}

function loadError(files: Record<string, Uint8Array>): { code: string; message: string } {
  try {
    parseModelFiles(files);
  } catch (e) {
    if (e instanceof LabError) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('loaded');
}

describe('loader limits on layer configs and weight shapes', () => {
  it('refuses an absurd width before channel tracing allocates for it', () => {
    expect(loadError(tinyWith((l) => (l[2].config.units = 1e9)))).toEqual({
      code: 'INVALID_MODEL',
      message:
        'Layer "d2" in "model.json" has units 1000000000; the lab accepts integers from 1 to 1048576.',
    });
  });

  it('refuses non-finite and fractional sizes (1e999 parses to Infinity)', () => {
    const text = new TextDecoder()
      .decode(tinyWith(() => {})['model.json'])
      .replace('"units":2', '"units":1e999');
    expect(
      loadError({
        'model.json': new TextEncoder().encode(text),
        'group1-shard1of1.bin': tinyWeightBytes(),
      }).message,
    ).toBe(
      'Layer "d1" in "model.json" has units Infinity; the lab accepts integers from 1 to 1048576.',
    );
    expect(loadError(tinyWith((l) => (l[1].config.units = 1.5))).message).toBe(
      'Layer "d1" in "model.json" has units 1.5; the lab accepts integers from 1 to 1048576.',
    );
  });

  it('refuses a config width that disagrees with the kernel', () => {
    expect(loadError(tinyWith((l) => (l[1].config.units = 3)))).toEqual({
      code: 'INVALID_MODEL',
      message:
        'Layer "d1" (Dense) in "model.json" has weight "d1/kernel" of shape [3, 2], but its config and input shape [3] need [3, 3].',
    });
  });

  it('refuses weights listed under swapped names', () => {
    const files = tinyWith((_l, json) => {
      const weights = (json.weightsManifest as Array<{ weights: Array<{ name: string }> }>)[0]
        .weights;
      [weights[0].name, weights[2].name] = [weights[2].name, weights[0].name];
    });
    expect(loadError(files).message).toBe(
      'Layer "d1" (Dense) in "model.json" has weight "d1/kernel" of shape [2, 1], but its config and input shape [3] need [3, 2].',
    );
  });

  it('refuses weights given to a layer that has none', () => {
    expect(loadError(tinyWith((l) => (l[2].class_name = 'Activation'))).message).toBe(
      'The weightsManifest of "model.json" lists weight "d2/kernel" for layer "d2" (Activation), which has no weights.',
    );
  });

  it('refuses a Reshape that does not keep the number of values', () => {
    const files = tinyWith((l) => {
      l.splice(2, 0, {
        class_name: 'Reshape',
        config: { name: 'r', target_shape: [3] },
        inbound_nodes: [[['d1', 0, 0, {}]]],
      } as Layer);
      l[3].inbound_nodes = [[['r', 0, 0, {}]]];
    });
    expect(loadError(files).message).toBe(
      'Layer "r" (Reshape) in "model.json" reshapes 2 values into shape [3].',
    );
  });
});

describe('buildLayersModel failures', () => {
  const spec = (): ModelSpec => parseModelFiles(tinyWith(() => {}));

  it('turns a tfjs deserialization error into a LabError and leaks nothing', async () => {
    const bad = spec();
    bad.layers[1].config = {
      ...bad.layers[1].config,
      kernel_initializer: { class_name: 'NoSuchInitializer', config: {} },
    };
    const before = tf.memory().numTensors;
    await expect(buildLayersModel(bad)).rejects.toThrow(
      /^TensorFlow\.js could not build model "tiny": Unknown initializer: NoSuchInitializer\..+\.$/s,
    );
    expect(tf.memory().numTensors).toBe(before);
  });

  it('disposes the decoded weights and the model when tfjs refuses the weights', async () => {
    const bad = spec();
    bad.layers[2].weights = [...bad.layers[2].weights, 'd2/extra'];
    bad.weights['d2/extra'] = { shape: [1], data: new Float32Array([1]) };
    const before = tf.memory().numTensors;
    await expect(buildLayersModel(bad)).rejects.toThrow(
      'TensorFlow.js could not build model "tiny": Provided weight data has no target variable: d2/extra.',
    );
    expect(tf.memory().numTensors).toBe(before);
    const good = await buildLayersModel(spec());
    expect(good.getWeights().map((w) => w.shape)).toEqual([[3, 2], [2], [2, 1], [1]]);
    good.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
