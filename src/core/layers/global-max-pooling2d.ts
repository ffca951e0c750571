import { globalPoolForward } from '../exec/shape-ops';
import { defineLayer } from './types';
import { fixedRole, lastAxis } from './descriptor-parts';

/** GlobalMaxPooling2D: [H, W, C] → [C], channel by channel. */
export const globalMaxPooling2d = defineLayer({
  className: 'GlobalMaxPooling2D',
  role: fixedRole('passthrough'),
  outputShape: (_l, i) => [lastAxis(i[0])],
  weightRoles: () => [],
  forward: globalPoolForward('max'),
  channelwise: true,
});
