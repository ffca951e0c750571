import { describe, expect, it } from 'vitest';
import {
  activationName,
  configBool,
  configPair,
  readActivationName,
  readBool,
  readPair,
} from './layer-config';
import type { LayerSpec } from './spec';

const layer = (config: Record<string, unknown>): LayerSpec => ({
  name: 'c1',
  className: 'Conv2D',
  config,
  inbound: [],
  weights: [],
});

describe('layer-config readers', () => {
  it('accept snake_case and camelCase keys alike', () => {
    expect(readBool(layer({ use_bias: false }), 'use_bias', true)).toBe(false);
    expect(readBool(layer({ useBias: false }), 'use_bias', true)).toBe(false);
    expect(configBool(layer({ useBias: false }), 'use_bias', true)).toBe(false);
    expect(readPair(layer({ kernelSize: 3 }), 'kernel_size', [1, 1])).toEqual([3, 3]);
    expect(configPair(layer({ kernel_size: [5] }), 'kernel_size', 1)).toEqual([5, 5]);
  });

  it('read* throw on a malformed value; config* fall back', () => {
    expect(() => readBool(layer({ use_bias: 'no' }), 'use_bias', true)).toThrow(
      'Layer "c1" (Conv2D) has an invalid "use_bias" in its config: expected true or false.',
    );
    expect(configBool(layer({ use_bias: 'no' }), 'use_bias', true)).toBe(true);
  });

  it('name string, Keras 3 nested and class_name activations the same way', () => {
    for (const read of [readActivationName, activationName]) {
      expect(read(layer({}))).toBe('linear');
      expect(read(layer({ activation: 'relu' }))).toBe('relu');
      expect(read(layer({ activation: { class_name: 'x', config: { name: 'relu6' } } }))).toBe(
        'relu6',
      );
      expect(read(layer({ activation: { class_name: 'tanh' } }))).toBe('tanh');
    }
    expect(() => readActivationName(layer({ activation: 7 }))).toThrow(
      'Layer "c1" (Conv2D) has an invalid "activation" in its config: expected an activation name.',
    );
    expect(activationName(layer({ activation: 7 }))).toBe('7');
  });
});
