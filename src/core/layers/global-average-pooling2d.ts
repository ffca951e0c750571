import { globalPoolForward } from '../exec/shape-ops';
import { defineLayer } from './types';
import { fixedRole, lastAxis } from './descriptor-parts';

/** GlobalAveragePooling2D: [H, W, C] → [C], channel by channel. */
export const globalAveragePooling2d = defineLayer({
  className: 'GlobalAveragePooling2D',
  role: fixedRole('passthrough'),
  outputShape: (_l, i) => [lastAxis(i[0])],
  weightRoles: () => [],
  forward: globalPoolForward('avg'),
  channelwise: true,
});
