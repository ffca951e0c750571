import { reshapeForward } from '../exec/shape-ops';
import { configValue } from '../model/layer-config';
import { reshapeShape } from './shapes';
import { defineLayer } from './types';

/** Reshape: to rank 1 it is a flatten; any other target regroups channels, which surgery cannot follow. */
export const reshape = defineLayer({
  className: 'Reshape',
  role: (l) =>
    ((configValue(l, 'target_shape') as number[] | undefined) ?? []).length === 1
      ? 'flatten'
      : 'mixing',
  outputShape: (l, i) => reshapeShape(l, i[0]),
  weightRoles: () => [],
  forward: reshapeForward,
  view: true,
});
