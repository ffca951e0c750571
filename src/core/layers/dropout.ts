import { dropoutForward } from '../exec/channelwise-ops';
import { defineLayer } from './types';
import { fixedRole, sameShape } from './descriptor-parts';

/** Dropout: identity at inference, element-wise random zeros while training. */
export const dropout = defineLayer({
  className: 'Dropout',
  role: fixedRole('follower'),
  outputShape: sameShape,
  weightRoles: () => [],
  forward: dropoutForward,
  channelwise: true,
});
