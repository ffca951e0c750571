import { LabError } from '../errors';
import { layerDescriptor } from '../layers/registry';
import type { LayerSpec } from '../model/spec';
import type { LayerForward } from './layer-op-types';

/**
 * The layer's forward function, from its class's descriptor (never from the layer's name).
 * InputLayer is handled by the executor itself (it binds the model input).
 */
export function layerForward(layer: LayerSpec): LayerForward {
  const fn = layerDescriptor(layer.className)?.forward;
  if (!fn) {
    throw new LabError(
      'UNSUPPORTED_LAYER',
      `Layer "${layer.name}" has class ${layer.className}, which the lab cannot run.`,
    );
  }
  return fn;
}
