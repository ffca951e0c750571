import { KERAS_CLASS } from '../layers/registry';
import * as tf from '@tensorflow/tfjs';
import type { ModelSpec } from '../model/spec';
import type { MaskPoint } from '../graph/types';

/**
 * Runs a dense model layer by layer (inference mode) and multiplies the outputs of the mask
 * points by their 0/1 masks: the reference a pruned model must reproduce. Uses the model's own
 * layer objects, so weights are shared; `spec` supplies the topological order and wiring.
 */
export function maskedForward(
  model: tf.LayersModel,
  spec: ModelSpec,
  points: MaskPoint[],
  input: tf.Tensor,
): tf.Tensor {
  const masks = new Map(points.map((p) => [p.layer, p.mask]));
  return tf.tidy(() => {
    const values = new Map<string, tf.Tensor>();
    for (const layer of spec.layers) {
      let out: tf.Tensor;
      if (layer.className === KERAS_CLASS.InputLayer) out = input;
      else {
        const inputs = layer.inbound.map((name) => values.get(name) as tf.Tensor);
        out = model
          .getLayer(layer.name)
          .apply(inputs.length === 1 ? inputs[0] : inputs) as tf.Tensor;
      }
      const mask = masks.get(layer.name);
      values.set(layer.name, mask ? tf.mul(out, tf.tensor1d(mask)) : out);
    }
    return values.get(spec.outputLayers[0]) as tf.Tensor;
  });
}
