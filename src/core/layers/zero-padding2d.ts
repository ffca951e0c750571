import { zeroPadding2dForward } from '../exec/shape-ops';
import { zeroPaddingShape } from './shapes';
import { defineLayer } from './types';
import { fixedRole } from './descriptor-parts';

/** ZeroPadding2D: pads rows and columns with zeros; channels pass through. */
export const zeroPadding2d = defineLayer({
  className: 'ZeroPadding2D',
  role: fixedRole('passthrough'),
  outputShape: (l, i) => zeroPaddingShape(l, i[0]),
  weightRoles: () => [],
  forward: zeroPadding2dForward,
  channelwise: true,
});
