import { conv2dForward } from '../exec/conv-ops';
import { configPair, configNumber } from '../model/layer-config';
import { convShape } from './shapes';
import { defineLayer } from './types';
import { biasRoles, filtersOf, fixedRole, inPruner, lastAxis, outPruner } from './descriptor-parts';

/** Conv2D: kernel [kh, kw, in, out] + bias [out]; a producer. */
export const conv2d = defineLayer({
  className: 'Conv2D',
  role: fixedRole('producer'),
  outputShape: (l, i) => convShape(l, i[0], filtersOf(l)),
  weightRoles: (flags) => ['kernel', ...biasRoles(flags)],
  weightShapes(layer, input) {
    const [kh, kw] = configPair(layer, 'kernel_size', 1);
    const filters = configNumber(layer, 'filters', 0);
    return { kernel: [kh, kw, lastAxis(input), filters], bias: [filters] };
  },
  forward: conv2dForward,
  outKernel: { weightIndex: 0, axis: 3 },
  pruneOutChannels: outPruner(0, 3, 'filters', 1),
  pruneInChannels: inPruner(0, 2),
  quantKernels: [{ index: 0, axis: 3 }],
});
