import { flattenForward } from '../exec/shape-ops';
import { defineLayer } from './types';
import { fixedRole } from './descriptor-parts';

/** Flatten: [H, W, C] → rows p·C + c (channels-last). */
export const flatten = defineLayer({
  className: 'Flatten',
  role: fixedRole('flatten'),
  outputShape: (_l, i) => [i[0].reduce((a, b) => a * b, 1)],
  weightRoles: () => [],
  forward: flattenForward,
  view: true,
});
