import { denseForward } from '../exec/conv-ops';
import { configNumber } from '../model/layer-config';
import { defineLayer } from './types';
import { biasRoles, fixedRole, inPruner, lastAxis, outPruner } from './descriptor-parts';

/** Dense: kernel [in, units] + bias [units]; quantized per tensor. */
export const dense = defineLayer({
  className: 'Dense',
  role: fixedRole('producer'),
  outputShape: (l, i) => [...i[0].slice(0, -1), configNumber(l, 'units', 0)],
  weightRoles: (flags) => ['kernel', ...biasRoles(flags)],
  weightShapes(layer, input) {
    const units = configNumber(layer, 'units', 0);
    return { kernel: [lastAxis(input), units], bias: [units] };
  },
  forward: denseForward,
  outKernel: { weightIndex: 0, axis: 1 },
  pruneOutChannels: outPruner(0, 1, 'units', 1),
  pruneInChannels: inPruner(0, 0),
  quantKernels: [{ index: 0, axis: null }],
});
