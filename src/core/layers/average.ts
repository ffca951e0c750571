import { averageForward } from '../exec/shape-ops';
import { defineLayer } from './types';

/** Average: the lab can run it but not restructure it (no channel-flow role). */
export const average = defineLayer({
  className: 'Average',
  weightRoles: () => [],
  forward: averageForward,
});
