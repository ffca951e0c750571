import { leakyReluForward } from '../exec/channelwise-ops';
import { defineLayer } from './types';
import { fixedRole, sameShape } from './descriptor-parts';

/** LeakyReLU: acts channel by channel; f(0) = 0. */
export const leakyRelu = defineLayer({
  className: 'LeakyReLU',
  role: fixedRole('follower'),
  outputShape: sameShape,
  weightRoles: () => [],
  forward: leakyReluForward,
  channelwise: true,
});
