import * as tf from '@tensorflow/tfjs';
import { mergeForward } from '../exec/shape-ops';
import { defineLayer } from './types';

/** Multiply: the lab can run it but not restructure it (no channel-flow role). */
export const multiply = defineLayer({
  className: 'Multiply',
  weightRoles: () => [],
  forward: mergeForward(tf.mul),
});
