import { concatenateForward } from '../exec/shape-ops';
import { concatShape } from './shapes';
import { defineLayer } from './types';
import { fixedRole } from './descriptor-parts';

/** Concatenate: along channels it shifts channel offsets; along another axis it stacks. */
export const concatenate = defineLayer({
  className: 'Concatenate',
  role: fixedRole('concat'),
  outputShape: concatShape,
  weightRoles: () => [],
  forward: concatenateForward,
});
