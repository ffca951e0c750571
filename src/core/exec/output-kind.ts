import { KERAS_CLASS } from '../layers/registry';
import type { ModelSpec } from '../model/spec';
import { readActivationName } from '../model/layer-config';

/**
 * True when the model's output layer ends in a softmax (a Softmax layer, or a layer whose
 * `activation` is softmax): its outputs are probabilities, not logits.
 */
export function endsWithSoftmax(spec: ModelSpec): boolean {
  const out = spec.layers.find((l) => l.name === spec.outputLayers[0]);
  if (!out) return false;
  if (out.className === KERAS_CLASS.Softmax) return true;
  return 'activation' in out.config && readActivationName(out) === 'softmax';
}
