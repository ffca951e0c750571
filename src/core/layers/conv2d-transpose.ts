import { conv2dTransposeForward } from '../exec/conv-ops';
import { configNumber, configPair } from '../model/layer-config';
import { transposeConvShape } from './shapes';
import { defineLayer } from './types';
import { biasRoles, filtersOf, fixedRole, inPruner, lastAxis, outPruner } from './descriptor-parts';

/** Conv2DTranspose: tfjs stores the kernel as [kh, kw, out, in], so out is axis 2. */
export const conv2dTranspose = defineLayer({
  className: 'Conv2DTranspose',
  role: fixedRole('producer'),
  outputShape: (l, i) => transposeConvShape(l, i[0], filtersOf(l)),
  weightRoles: (flags) => ['kernel', ...biasRoles(flags)],
  weightShapes(layer, input) {
    const [kh, kw] = configPair(layer, 'kernel_size', 1);
    const filters = configNumber(layer, 'filters', 0);
    return { kernel: [kh, kw, filters, lastAxis(input)], bias: [filters] };
  },
  forward: conv2dTransposeForward,
  outKernel: { weightIndex: 0, axis: 2 },
  pruneOutChannels: outPruner(0, 2, 'filters', 1),
  pruneInChannels: inPruner(0, 3),
  quantKernels: [{ index: 0, axis: 2 }],
});
