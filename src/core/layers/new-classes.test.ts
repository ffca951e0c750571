import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { LayerOpContext } from '../exec/layer-op-types';
import type { LayerSpec, ModelSpec } from '../model/spec';
import { cropping2d } from './cropping2d';
import { prelu } from './prelu';
import { layerDescriptor, supportedClassNames } from './registry';
import { spatialDropout2d } from './spatial-dropout2d';

const layerOf = (className: string, config: Record<string, unknown>): LayerSpec => ({
  name: 'l',
  className,
  config,
  inbound: ['in'],
  weights: [],
});

function context(layer: LayerSpec, x: tf.Tensor, training: boolean, weights = {}): LayerOpContext {
  const byRole = weights as Record<string, tf.Tensor>;
  return {
    layer,
    inputs: [x],
    training,
    bnMode: 'frozen',
    weight: (role) => byRole[role],
    optionalWeight: (role) => byRole[role],
    assignState: () => undefined,
    nextSeed: () => 7,
  };
}

describe('descriptors added through the registry', () => {
  it('registers PReLU, SpatialDropout2D and Cropping2D as supported classes', () => {
    expect(supportedClassNames().slice(-3)).toEqual(['PReLU', 'SpatialDropout2D', 'Cropping2D']);
    expect(layerDescriptor('PReLU')).toBe(prelu);
  });

  it('SpatialDropout2D drops whole channels while training and is the identity otherwise', () => {
    const before = tf.memory().numTensors;
    const layer = layerOf('SpatialDropout2D', { rate: 0.5 });
    const x = tf.ones([4, 3, 3, 8]);
    const y = tf.tidy(() => spatialDropout2d.forward!(context(layer, x, true)));
    // Per (example, channel): the 9 positions are all 0 or all 2 (= 1 / (1 − rate)).
    const sumTensor = tf.sum(y, [1, 2]);
    const sums = Array.from(sumTensor.dataSync());
    expect(sums.every((s) => s === 0 || s === 18)).toBe(true);
    expect(sums.filter((s) => s === 0).length).toBeGreaterThan(0);
    expect(spatialDropout2d.forward!(context(layer, x, false))).toBe(x);
    expect(spatialDropout2d.toStock!(layer).className).toBe('Dropout');
    tf.dispose([x, y, sumTensor]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('Cropping2D cuts the configured borders; its shape rule matches its forward', () => {
    const layer = layerOf('Cropping2D', {
      cropping: [
        [1, 2],
        [0, 3],
      ],
    });
    const x = tf.reshape(tf.range(0, 2 * 6 * 7 * 2), [2, 6, 7, 2]);
    const y = cropping2d.forward!(context(layer, x, false));
    expect(y.shape).toEqual([2, ...cropping2d.outputShape!(layer, [[6, 7, 2]])]);
    expect(y.shape).toEqual([2, 3, 4, 2]);
    // First value: example 0, row 1, column 0, channel 0 of the input = 1·7·2.
    expect(y.dataSync()[0]).toBe(14);
    expect(cropping2d.outputShape!(layerOf('Cropping2D', { cropping: 1 }), [[6, 7, 2]])).toEqual([
      4, 5, 2,
    ]);
    tf.dispose([x, y]);
  });

  it('PReLU: alpha shaped by shared_axes, forward x or alpha·x, surgery keeps alpha channels', () => {
    const layer = layerOf('PReLU', { shared_axes: [1, 2] });
    const spec = { weights: {} } as unknown as ModelSpec;
    expect(prelu.weightShapes!(layer, [5, 5, 3], spec)).toEqual({ alpha: [1, 1, 3] });
    const alpha = tf.tensor([0.1, 0.2, 0.3], [1, 1, 3]);
    const x = tf.tensor([-1, -1, -1, 2, 2, 2], [1, 1, 2, 3]);
    const y = prelu.forward!(context(layer, x, false, { alpha }));
    expect(Array.from(y.dataSync()).map((v) => Number(v.toFixed(4)))).toEqual([
      -0.1, -0.2, -0.3, 2, 2, 2,
    ]);
    const kept = prelu.pruneInChannels!(
      layer,
      [{ shape: [1, 1, 3], data: alpha.dataSync() as Float32Array }],
      [0, 2],
    );
    expect(kept[0].shape).toEqual([1, 1, 2]);
    expect(Array.from(kept[0].data).map((v) => Number(v.toFixed(4)))).toEqual([0.1, 0.3]);
    tf.dispose([alpha, x, y]);
  });
});
