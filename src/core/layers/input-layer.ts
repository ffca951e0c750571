import { defineLayer } from './types';
import { fixedRole, sameShape } from './descriptor-parts';

/** InputLayer: binds a model input; the executor handles it itself, so there is no forward op. */
export const inputLayer = defineLayer({
  className: 'InputLayer',
  role: fixedRole('input'),
  outputShape: sameShape,
  weightRoles: () => [],
});
