import { batchNormalizationForward } from '../exec/channelwise-ops';
import { configNumber } from '../model/layer-config';
import { defineLayer } from './types';
import { fixedRole, sameShape, sliceVectors } from './descriptor-parts';

/** BatchNormalization: gamma, beta, moving mean and moving variance, all per-channel vectors. */
export const batchNormalization = defineLayer({
  className: 'BatchNormalization',
  role: fixedRole('follower'),
  outputShape: sameShape,
  configProblem(layer) {
    const axis = configNumber(layer, 'axis', -1);
    if (axis === -1 || axis === 3 || axis === 1) return undefined;
    return `Layer "${layer.name}" normalizes axis ${axis}; the lab supports the channel axis only.`;
  },
  weightRoles: (flags) => [
    ...(flags.scale === false ? [] : ['gamma']),
    ...(flags.center === false ? [] : ['beta']),
    'moving_mean',
    'moving_variance',
  ],
  weightShapes(layer, input) {
    const axis = configNumber(layer, 'axis', -1);
    const width = input[axis < 0 ? input.length + axis : axis - 1];
    if (width === undefined) return undefined;
    return { gamma: [width], beta: [width], moving_mean: [width], moving_variance: [width] };
  },
  forward: batchNormalizationForward,
  pruneInChannels: sliceVectors,
  addsChannelOffset: () => true,
  channelwise: true,
});
