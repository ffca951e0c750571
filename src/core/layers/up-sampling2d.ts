import { upSampling2dForward } from '../exec/shape-ops';
import { upSamplingShape } from './shapes';
import { defineLayer } from './types';
import { fixedRole } from './descriptor-parts';

/** UpSampling2D: repeats or interpolates rows and columns; channels pass through. */
export const upSampling2d = defineLayer({
  className: 'UpSampling2D',
  role: fixedRole('passthrough'),
  outputShape: (l, i) => upSamplingShape(l, i[0]),
  weightRoles: () => [],
  forward: upSampling2dForward,
});
