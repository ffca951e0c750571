import { activationForward } from '../exec/channelwise-ops';
import { activationName } from '../model/layer-config';
import { isChannelMixingActivation, isZeroPreservingActivation } from './activation-kinds';
import { defineLayer } from './types';
import { sameShape } from './descriptor-parts';

/** Activation: a follower, unless its function mixes channels (softmax). */
export const activation = defineLayer({
  className: 'Activation',
  role: (l) => (isChannelMixingActivation(activationName(l)) ? 'mixing' : 'follower'),
  outputShape: sameShape,
  weightRoles: () => [],
  forward: activationForward,
  addsChannelOffset: (layer) => !isZeroPreservingActivation(activationName(layer)),
  channelwise: true,
});
