import { KERAS_CLASS } from '../../src/core/layers/registry';
import { encodeJson, type JsonRecord } from '../../src/core/model/model-json';

/**
 * Hand-built model.json fixtures for tests (no tfjs needed): a two-Dense model
 * in → d1 (3→2) → d2 (2→1), in the functional form tfjs 4 writes and in the
 * Keras 2.0 Sequential form older converters wrote. Weight values are exact in float32.
 */
export const TINY_WEIGHTS: Array<{ name: string; shape: number[] }> = [
  { name: 'd1/kernel', shape: [3, 2] },
  { name: 'd1/bias', shape: [2] },
  { name: 'd2/kernel', shape: [2, 1] },
  { name: 'd2/bias', shape: [1] },
];

/** Value i of the concatenated weights: (i − 4)/8, exact in float32 and float16. */
export function tinyValue(i: number): number {
  return (i - 4) / 8;
}

export const TINY_VALUE_COUNT = 11;

export function float32Bytes(values: number[]): Uint8Array {
  return new Uint8Array(new Float32Array(values).buffer);
}

export function tinyWeightBytes(): Uint8Array {
  return float32Bytes(Array.from({ length: TINY_VALUE_COUNT }, (_, i) => tinyValue(i)));
}

function denseLayer(name: string, units: number, inbound: string): JsonRecord {
  return {
    class_name: KERAS_CLASS.Dense,
    name,
    config: { name, units, activation: 'linear', use_bias: true, trainable: true },
    inbound_nodes: [[[inbound, 0, 0, {}]]],
  };
}

export function tinyFunctionalJson(paths: string[] = ['group1-shard1of1.bin']): JsonRecord {
  return {
    format: 'layers-model',
    generatedBy: 'TensorFlow.js tfjs-layers v4.22.0',
    convertedBy: null,
    modelTopology: {
      class_name: 'Model',
      config: {
        name: 'tiny',
        layers: [
          {
            class_name: KERAS_CLASS.InputLayer,
            name: 'in',
            config: { name: 'in', batch_input_shape: [null, 3], dtype: 'float32' },
            inbound_nodes: [],
          },
          denseLayer('d1', 2, 'in'),
          denseLayer('d2', 1, 'd1'),
        ],
        input_layers: [['in', 0, 0]],
        output_layers: [['d2', 0, 0]],
      },
      keras_version: 'tfjs-layers 4.22.0',
      backend: 'tensor_flow.js',
    },
    weightsManifest: [{ paths, weights: TINY_WEIGHTS.map((w) => ({ ...w, dtype: 'float32' })) }],
  };
}

/** Keras 2.0: no "format", `model_config` wrapper, config a bare list, no InputLayer. */
export function tinyKeras20Json(): JsonRecord {
  const dense = (name: string, units: number, extra: JsonRecord = {}) => ({
    class_name: KERAS_CLASS.Dense,
    config: { name, units, activation: 'linear', use_bias: true, ...extra },
  });
  return {
    modelTopology: {
      keras_version: '2.0.8',
      backend: 'tensorflow',
      model_config: {
        class_name: 'Sequential',
        config: [
          dense('d1', 2, { batch_input_shape: [null, 3], dtype: 'float32' }),
          dense('d2', 1),
        ],
      },
    },
    weightsManifest: [
      {
        paths: ['group1-shard1of1'],
        weights: TINY_WEIGHTS.map((w) => ({ ...w, dtype: 'float32' })),
      },
    ],
  };
}

export function filesOf(
  json: JsonRecord | unknown[],
  shards: Record<string, Uint8Array>,
  jsonName = 'model.json',
): Record<string, Uint8Array> {
  return { [jsonName]: encodeJson(json), ...shards };
}

/** The tiny functional model with its single float32 shard. */
export function tinyFiles(): Record<string, Uint8Array> {
  return filesOf(tinyFunctionalJson(), { 'group1-shard1of1.bin': tinyWeightBytes() });
}
