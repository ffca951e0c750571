import { LabError } from '../errors';
import type { LayerSpec } from '../model/spec';
import { CHANNELWISE_LAYER_FORWARDS } from './channelwise-ops';
import { CONV_LAYER_FORWARDS } from './conv-ops';
import type { LayerForward } from './layer-op-types';
import { SHAPE_LAYER_FORWARDS } from './shape-ops';

/**
 * The registry of forward functions, dispatched on the Keras class name (never on the
 * layer's name). InputLayer is handled by the executor itself (it binds the model input).
 */
export const LAYER_FORWARDS: Readonly<Record<string, LayerForward>> = {
  ...CONV_LAYER_FORWARDS,
  ...CHANNELWISE_LAYER_FORWARDS,
  ...SHAPE_LAYER_FORWARDS,
};

export function isExecutableLayerClass(className: string): boolean {
  return className === 'InputLayer' || className in LAYER_FORWARDS;
}

export function layerForward(layer: LayerSpec): LayerForward {
  const fn = LAYER_FORWARDS[layer.className];
  if (!fn) {
    throw new LabError(
      'UNSUPPORTED_LAYER',
      `Layer "${layer.name}" has class ${layer.className}, which the lab cannot run.`,
    );
  }
  return fn;
}
