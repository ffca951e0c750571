import { separableConv2dForward } from '../exec/conv-ops';
import { configNumber, configPair } from '../model/layer-config';
import { convShape } from './shapes';
import { expandByMultiplier, sliceAxis } from './slicing';
import { defineLayer } from './types';
import { biasRoles, filtersOf, fixedRole, lastAxis, outPruner } from './descriptor-parts';

/**
 * SeparableConv2D: depthwise kernel [kh, kw, in, mult], pointwise [1, 1, in·mult, out], bias [out].
 * The multiplier comes from the kernel: tfjs 4.22 drops depth_multiplier from its config.
 */
export const separableConv2d = defineLayer({
  className: 'SeparableConv2D',
  role: fixedRole('producer'),
  outputShape: (l, i) => convShape(l, i[0], filtersOf(l)),
  weightRoles: (flags) => ['depthwise_kernel', 'pointwise_kernel', ...biasRoles(flags)],
  weightShapes(layer, input, spec) {
    const [kh, kw] = configPair(layer, 'kernel_size', 1);
    const filters = configNumber(layer, 'filters', 0);
    const multiplier = spec.weights[`${layer.name}/depthwise_kernel`]?.shape[3] ?? 1;
    return {
      depthwise_kernel: [kh, kw, lastAxis(input), null],
      pointwise_kernel: [1, 1, lastAxis(input) * multiplier, filters],
      bias: [filters],
    };
  },
  forward: separableConv2dForward,
  outKernel: { weightIndex: 1, axis: 3 },
  pruneOutChannels: outPruner(1, 3, 'filters', 2),
  pruneInChannels(_layer, weights, kept) {
    const next = weights.slice();
    next[0] = sliceAxis(weights[0], 2, kept);
    next[1] = sliceAxis(weights[1], 2, expandByMultiplier(kept, weights[0].shape[3]));
    return next;
  },
  quantKernels: [
    { index: 0, axis: 'depthwise' },
    { index: 1, axis: 3 },
  ],
});
