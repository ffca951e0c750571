import { softmaxForward } from '../exec/channelwise-ops';
import { defineLayer } from './types';
import { fixedRole, sameShape } from './descriptor-parts';

/** Softmax layer: every output depends on every channel, so it mixes channels. */
export const softmax = defineLayer({
  className: 'Softmax',
  role: fixedRole('mixing'),
  outputShape: sameShape,
  weightRoles: () => [],
  forward: softmaxForward,
});
