import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { specFromLayersModel } from '../model/tf-bridge';
import { buildChannelGraph } from './channel-graph';
import { maskPoints } from './channel-masks';
import { concatFixture, sequentialCnnFixture } from '../../../test-support/graph/fixture-models';
import { inferShapes } from './shape-inference';

describe('maskPoints', () => {
  it('masks the measurement layer and a BatchNormalization behind a concat, at the concat offset', async () => {
    const model = concatFixture();
    const spec = await specFromLayersModel(model);
    model.dispose();
    const points = maskPoints(spec, buildChannelGraph(spec), { c1: [1] });
    expect(points.map((p) => [p.layer, Array.from(p.mask)])).toEqual([
      ['c1_relu', [0, 1, 0]],
      ['cat_bn', [0, 1, 0, 1, 1, 1, 1, 1]],
    ]);
    expect(maskPoints(spec, buildChannelGraph(spec), {})).toEqual([]);
  });
});

describe('inferShapes', () => {
  it('follows valid/same convolutions, pooling, flatten and dense', async () => {
    const model = sequentialCnnFixture();
    const spec = await specFromLayersModel(model);
    model.dispose();
    expect(Object.fromEntries(inferShapes(spec))).toEqual({
      conv1_input: [8, 8, 1],
      conv1: [6, 6, 8],
      pool1: [3, 3, 8],
      conv2: [3, 3, 16],
      flat: [144],
      dense1: [10],
      dense2: [4],
    });
  });

  it('matches tfjs for transposed convolutions, padding and upsampling', async () => {
    const input = tf.input({ shape: [5, 7, 2], name: 'x' });
    const t1 = tf.layers
      .conv2dTranspose({ name: 't1', filters: 3, kernelSize: 3, strides: 2 })
      .apply(input) as tf.SymbolicTensor;
    const p1 = tf.layers
      .zeroPadding2d({
        name: 'p1',
        padding: [
          [1, 2],
          [0, 3],
        ],
      })
      .apply(t1) as tf.SymbolicTensor;
    const u1 = tf.layers.upSampling2d({ name: 'u1', size: [2, 3] }).apply(p1) as tf.SymbolicTensor;
    const s1 = tf.layers
      .separableConv2d({ name: 's1', filters: 4, kernelSize: 3, strides: 2 })
      .apply(u1) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: s1 });
    const spec = await specFromLayersModel(model);
    const shapes = inferShapes(spec);
    for (const name of ['t1', 'p1', 'u1', 's1']) {
      expect(shapes.get(name)).toEqual(model.getLayer(name).outputShape.slice(1));
    }
    // 5×7 → deconv s2 k3: 11×15 → pad: 14×18 → up 2×3: 28×54 → valid k3 s2: 13×26.
    expect(shapes.get('s1')).toEqual([13, 26, 4]);
    model.dispose();
  });
});
