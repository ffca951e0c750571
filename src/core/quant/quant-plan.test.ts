import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { fakeQuantTarget, quantizeSpecWeights, quantTargets, type QuantConfig } from './quant-plan';
import { allKernelsSpec } from '../../../test-support/quant/quant-test-models';
import { maxInt } from './quantize-math';

const W4: QuantConfig = { weightBits: 4, activationBits: 8, perChannel: true, pow2: false };

describe('quantTargets', () => {
  it('picks every kernel with its output-channel axis and leaves biases float', async () => {
    const spec = await allKernelsSpec();
    const targets = quantTargets(spec, W4);
    const summary = targets.map((t) => [
      t.layerName,
      t.weightName.split('/').pop(),
      t.quantShape,
      t.perChannelAxis,
    ]);
    expect(summary).toEqual([
      ['conv', 'kernel', [3, 3, 2, 3], 3],
      ['dw', 'depthwise_kernel', [3, 3, 6], 2], // [3, 3, 3 in, 2 mult] viewed as 6 channels
      ['sep', 'depthwise_kernel', [3, 3, 6], 2],
      ['sep', 'pointwise_kernel', [1, 1, 6, 4], 3],
      ['deconv', 'kernel', [2, 2, 2, 4], 2], // [h, w, out, in]
      ['fc', 'kernel', [128, 5], null], // Dense on 8·8·2 inputs: per tensor
    ]);
    expect(
      quantTargets(spec, { ...W4, perChannel: false }).every((t) => t.perChannelAxis === null),
    ).toBe(true);
    expect(quantTargets(spec, { ...W4, weightBits: 32 })).toEqual([]);
  });

  it('refuses unsupported bit widths', async () => {
    const spec = await allKernelsSpec();
    expect(() => quantTargets(spec, { ...W4, weightBits: 12 })).toThrow(
      'Weight quantization: 12 bits is not supported; use 2–8 or 16 bits.',
    );
  });
});

describe('quantizeSpecWeights', () => {
  it('puts every kernel on its grid and leaves the input spec and biases untouched', async () => {
    const spec = await allKernelsSpec();
    const before = Float32Array.from(spec.weights['conv/kernel'].data);
    const { spec: q, codes } = quantizeSpecWeights(spec, W4);
    expect(Array.from(spec.weights['conv/kernel'].data)).toEqual(Array.from(before));
    expect(q.weights['conv/bias']).toBe(spec.weights['conv/bias']);
    expect(Object.keys(codes)).toHaveLength(6);
    const conv = codes['conv/kernel'];
    expect(conv.scales).toHaveLength(3);
    expect(Math.max(...Array.from(conv.codes, Math.abs))).toBe(maxInt(4, true));
    // Each value is code × its channel's scale (channel = last axis).
    const values = q.weights['conv/kernel'].data;
    for (let i = 0; i < values.length; i++)
      expect(values[i]).toBe(Math.fround(conv.codes[i] * conv.scales[i % 3]));
    expect(codes['dw/depthwise_kernel'].scales).toHaveLength(6);
    expect(codes['deconv/kernel'].scales).toHaveLength(2);
    expect(codes['fc/kernel'].scales).toHaveLength(1);
  });

  it('matches the tfjs fake-quant op on every kernel layout', async () => {
    const spec = await allKernelsSpec();
    const { spec: q, targets } = quantizeSpecWeights(spec, { ...W4, pow2: true });
    const before = tf.memory().numTensors;
    for (const target of targets) {
      const w = spec.weights[target.weightName];
      const kernel = tf.tensor(w.data, w.shape);
      const out = fakeQuantTarget(kernel, target, { ...W4, pow2: true });
      expect(out.shape).toEqual(w.shape);
      const diff = Array.from(out.dataSync()).filter(
        (v, i) => v !== q.weights[target.weightName].data[i],
      );
      expect(diff).toEqual([]);
      tf.dispose([kernel, out]);
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
