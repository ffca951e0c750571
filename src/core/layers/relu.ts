import { reluForward } from '../exec/channelwise-ops';
import { defineLayer } from './types';
import { fixedRole, sameShape } from './descriptor-parts';

/** ReLU layer (max_value, negative_slope, threshold): acts channel by channel. */
export const relu = defineLayer({
  className: 'ReLU',
  role: fixedRole('follower'),
  outputShape: sameShape,
  weightRoles: () => [],
  forward: reluForward,
  channelwise: true,
});
