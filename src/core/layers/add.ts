import * as tf from '@tensorflow/tfjs';
import { mergeForward } from '../exec/shape-ops';
import { defineLayer } from './types';
import { fixedRole, sameShape } from './descriptor-parts';

/** Add: element-wise sum; its inputs' channels are coupled (one group). */
export const add = defineLayer({
  className: 'Add',
  role: fixedRole('add'),
  outputShape: sameShape,
  weightRoles: () => [],
  forward: mergeForward(tf.add),
});
