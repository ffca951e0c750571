import * as tf from '@tensorflow/tfjs';
import { configValue } from '../model/layer-config';
import type { LayerSpec } from '../model/spec';
import { defineLayer } from './types';
import { fixedRole } from './descriptor-parts';

type Crop = [[number, number], [number, number]];

/** Keras cropping: int, [rows, cols] (symmetric) or [[top, bottom], [left, right]]. */
function cropping(layer: LayerSpec): Crop {
  const raw = configValue(layer, 'cropping');
  if (typeof raw === 'number') {
    return [
      [raw, raw],
      [raw, raw],
    ];
  }
  if (Array.isArray(raw) && Array.isArray(raw[0]) && Array.isArray(raw[1])) {
    return [
      [Number(raw[0][0]), Number(raw[0][1])],
      [Number(raw[1][0]), Number(raw[1][1])],
    ];
  }
  if (Array.isArray(raw) && raw.length === 2) {
    return [
      [Number(raw[0]), Number(raw[0])],
      [Number(raw[1]), Number(raw[1])],
    ];
  }
  return [
    [0, 0],
    [0, 0],
  ];
}

/** Cropping2D: cuts rows and columns off the borders; channels pass through untouched. */
export const cropping2d = defineLayer({
  className: 'Cropping2D',
  role: fixedRole('passthrough'),
  outputShape(layer, inputs) {
    const [[top, bottom], [left, right]] = cropping(layer);
    const [height, width, channels] = inputs[0];
    return [height - top - bottom, width - left - right, channels];
  },
  weightRoles: () => [],
  forward(ctx) {
    const x = ctx.inputs[0];
    const [[top, bottom], [left, right]] = cropping(ctx.layer);
    const [, height, width] = x.shape;
    return tf.slice(x, [0, top, left, 0], [-1, height - top - bottom, width - left - right, -1]);
  },
  channelwise: true,
});
