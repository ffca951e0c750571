import { poolForward } from '../exec/shape-ops';
import { poolShape } from './shapes';
import { defineLayer } from './types';
import { fixedRole } from './descriptor-parts';

/** MaxPooling2D: pools each channel on its own; channel identity passes through. */
export const maxPooling2d = defineLayer({
  className: 'MaxPooling2D',
  role: fixedRole('passthrough'),
  outputShape: (l, i) => poolShape(l, i[0]),
  weightRoles: () => [],
  forward: poolForward('max'),
  channelwise: true,
});
