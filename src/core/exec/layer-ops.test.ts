import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { LayerSpec, ModelSpec } from '../model/spec';
import { applyActivation } from './activations';
import { transposedLength } from './conv-ops';
import { ModelExecutor } from './executor';
import { endsWithSoftmax } from './output-kind';
import { mapWeightRoles, roleFromWeightName } from './weight-roles';

function layer(
  name: string,
  className: string,
  config: Record<string, unknown>,
  inbound: string[],
  weights: string[] = [],
): LayerSpec {
  return { name, className, config: { name, ...config }, inbound, weights };
}

function chain(layers: LayerSpec[], weights: ModelSpec['weights'] = {}): ModelSpec {
  return {
    name: 'hand-made',
    layers,
    inputLayers: [layers[0].name],
    outputLayers: [layers[layers.length - 1].name],
    inputShapes: [[5]],
    weights,
    meta: { sourceFormat: 'layers-model', storedWeightDtypes: {} },
  };
}

describe('layer ops', () => {
  it('ReLU follows Keras for max_value, negative_slope and threshold', () => {
    const spec = chain([
      layer('in', 'InputLayer', {}, []),
      layer('r', 'ReLU', { max_value: 2, negative_slope: 0.5, threshold: 1 }, ['in']),
    ]);
    const exec = new ModelExecutor(spec);
    const out = exec.forward(tf.tensor2d([[-1, 0.5, 1.5, 3, 1]]), { training: false });
    // x < 1: 0.5·(x − 1); 1 < x: min(x, 2); x = threshold: 0.
    expect(Array.from(out.dataSync())).toEqual([-1, -0.25, 1.5, 2, 0]);
    out.dispose();
    exec.dispose();
  });

  it('names an unknown activation and the layer in the error', () => {
    const x = tf.zeros([1]);
    expect(() => applyActivation('gelu_new', x, 'dense_3')).toThrow(
      /^Layer "dense_3" uses activation "gelu_new", which the lab does not support \(supported: linear, relu/,
    );
    x.dispose();
  });

  it("Keras' transposed-convolution output length", () => {
    expect(transposedLength(4, 3, 'same', 2)).toBe(8);
    expect(transposedLength(4, 3, 'valid', 2)).toBe(9);
    expect(transposedLength(4, 1, 'valid', 2)).toBe(8);
    expect(transposedLength(4, 3, 'same', 2, 1)).toBe(8);
  });

  it('maps weight roles by name, and by Keras order when names are opaque', () => {
    const bn = layer('bn', 'BatchNormalization', { center: false }, ['in'], ['w0', 'w1', 'w2']);
    const tensor = { shape: [1], data: new Float32Array(1) };
    const spec = chain([bn], { w0: tensor, w1: tensor, w2: tensor });
    expect([...mapWeightRoles(spec, bn)]).toEqual([
      ['gamma', 'w0'],
      ['moving_mean', 'w1'],
      ['moving_variance', 'w2'],
    ]);
    expect(roleFromWeightName('block/conv/kernel:0')).toBe('kernel');
    const short = layer('bn', 'BatchNormalization', {}, ['in'], ['w0']);
    expect(() => mapWeightRoles(spec, short)).toThrow(
      'Layer "bn" (BatchNormalization) has 1 weights; expected 4 (gamma, beta, moving_mean, moving_variance).',
    );
  });

  it('detects a softmax output layer', () => {
    const base = [layer('in', 'InputLayer', {}, [])];
    expect(endsWithSoftmax(chain([...base, layer('s', 'Softmax', {}, ['in'])]))).toBe(true);
    expect(
      endsWithSoftmax(
        chain([...base, layer('a', 'Activation', { activation: 'softmax' }, ['in'])]),
      ),
    ).toBe(true);
    expect(
      endsWithSoftmax(chain([...base, layer('a', 'Activation', { activation: 'relu' }, ['in'])])),
    ).toBe(false);
  });
});
