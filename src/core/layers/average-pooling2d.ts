import { poolForward } from '../exec/shape-ops';
import { poolShape } from './shapes';
import { defineLayer } from './types';
import { fixedRole } from './descriptor-parts';

/** AveragePooling2D: pools each channel on its own; channel identity passes through. */
export const averagePooling2d = defineLayer({
  className: 'AveragePooling2D',
  role: fixedRole('passthrough'),
  outputShape: (l, i) => poolShape(l, i[0]),
  weightRoles: () => [],
  forward: poolForward('avg'),
  channelwise: true,
});
