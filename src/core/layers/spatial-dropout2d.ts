import * as tf from '@tensorflow/tfjs';
import { readNumber } from '../model/layer-config';
import { defineLayer } from './types';
import { fixedRole, sameShape } from './descriptor-parts';

/**
 * SpatialDropout2D: while training, drops whole channels (one draw per example and channel);
 * identity at inference. TensorFlow.js 4.22 has no such class, so the export writes it as a
 * Dropout of the same rate, which computes the same inference output.
 */
export const spatialDropout2d = defineLayer({
  className: 'SpatialDropout2D',
  role: fixedRole('follower'),
  outputShape: sameShape,
  weightRoles: () => [],
  forward(ctx) {
    const x = ctx.inputs[0];
    const rate = readNumber(ctx.layer, 'rate', 0);
    if (!ctx.training || rate <= 0) return x;
    const noiseShape = [x.shape[0], ...x.shape.slice(1, -1).map(() => 1), x.shape[x.rank - 1]];
    return tf.dropout(x, rate, noiseShape, ctx.nextSeed());
  },
  toStock(layer) {
    const rate = readNumber(layer, 'rate', 0);
    return { ...layer, className: 'Dropout', config: { name: layer.name, rate } };
  },
  channelwise: true,
});
