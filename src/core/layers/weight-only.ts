import { defineLayer } from './types';
import { biasRoles } from './descriptor-parts';

/**
 * Classes the lab can neither run nor restructure, but whose weights the loader still names and
 * orders (so a model holding them loads and its pre-flight list says why it cannot be pruned).
 */
const kernelAndBias = <const N extends string>(className: N) =>
  defineLayer({ className, weightRoles: (flags) => ['kernel', ...biasRoles(flags)] });

export const conv1d = kernelAndBias('Conv1D');
export const conv3d = kernelAndBias('Conv3D');
export const conv3dTranspose = kernelAndBias('Conv3DTranspose');
export const embedding = defineLayer({
  className: 'Embedding',
  weightRoles: () => ['embeddings'],
});
