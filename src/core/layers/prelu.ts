import * as tf from '@tensorflow/tfjs';
import { configValue } from '../model/layer-config';
import type { LayerSpec } from '../model/spec';
import { sliceAxis } from './slicing';
import { defineLayer } from './types';
import { fixedRole, sameShape } from './descriptor-parts';

/**
 * Keras shared_axes count the batch axis (1 = height of [batch, H, W, C]); as indices into the
 * no-batch shape they are one less. The alpha weight has size 1 along each shared axis.
 */
function sharedAxes(layer: LayerSpec): number[] {
  const raw = configValue(layer, 'shared_axes');
  const list = Array.isArray(raw) ? raw : typeof raw === 'number' ? [raw] : [];
  return list.map((axis) => Number(axis) - 1);
}

/**
 * PReLU: y = x for x > 0, alpha·x otherwise, with a learned alpha per position (or per channel
 * when shared_axes covers the spatial axes). It follows a unit channel by channel, so surgery
 * keeps the alpha entries of the kept channels; f(0) = 0, so a zeroed channel stays zero.
 */
export const prelu = defineLayer({
  className: 'PReLU',
  role: fixedRole('follower'),
  outputShape: sameShape,
  weightRoles: () => ['alpha'],
  weightShapes(layer, input) {
    const shared = sharedAxes(layer);
    return { alpha: input.map((size, axis) => (shared.includes(axis) ? 1 : size)) };
  },
  forward: (ctx) => tf.prelu(ctx.inputs[0], ctx.weight('alpha')),
  pruneInChannels(_layer, weights, kept) {
    const alpha = weights[0];
    // An alpha shared across channels (size 1 on the channel axis) has nothing to cut.
    if (alpha.shape[alpha.shape.length - 1] === 1) return weights;
    return [sliceAxis(alpha, alpha.shape.length - 1, kept)];
  },
  channelwise: true,
});
