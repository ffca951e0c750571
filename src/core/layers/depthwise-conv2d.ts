import { depthwiseConv2dForward } from '../exec/conv-ops';
import { configBool, configPair } from '../model/layer-config';
import { convShape } from './shapes';
import { expandByMultiplier, sliceAxis } from './slicing';
import { defineLayer } from './types';
import { biasRoles, depthMultiplierOf, fixedRole, lastAxis } from './descriptor-parts';

/**
 * DepthwiseConv2D: kernel [kh, kw, in, mult], bias [in·mult]. Channel c feeds outputs
 * c·mult … c·mult+mult−1, so it passes channel identity through, expanded by its multiplier.
 */
export const depthwiseConv2d = defineLayer({
  className: 'DepthwiseConv2D',
  role: fixedRole('passthrough'),
  outputShape: (l, i) => convShape(l, i[0], lastAxis(i[0]) * depthMultiplierOf(l)),
  weightRoles: (flags) => ['depthwise_kernel', ...biasRoles(flags)],
  weightShapes(layer, input, spec) {
    const [kh, kw] = configPair(layer, 'kernel_size', 1);
    const multiplier = spec.weights[`${layer.name}/depthwise_kernel`]?.shape[3] ?? 1;
    return {
      depthwise_kernel: [kh, kw, lastAxis(input), null],
      bias: [lastAxis(input) * multiplier],
    };
  },
  forward: depthwiseConv2dForward,
  multiplier: depthMultiplierOf,
  pruneInChannels(_layer, weights, kept) {
    const next = weights.slice();
    next[0] = sliceAxis(weights[0], 2, kept);
    if (next[1]) next[1] = sliceAxis(weights[1], 0, expandByMultiplier(kept, weights[0].shape[3]));
    return next;
  },
  quantKernels: [{ index: 0, axis: 'depthwise' }],
  addsChannelOffset: (layer) => configBool(layer, 'use_bias', true),
});
