import * as tf from '@tensorflow/tfjs';
import { LabError } from '../errors';

/**
 * Keras activation functions by config name. Formulas follow Keras 2 / tfjs-layers
 * (e.g. hard_sigmoid = clip(0.2x + 0.5, 0, 1)) so outputs match model.predict.
 */
const SELU_ALPHA = 1.6732632423543772;
const SELU_SCALE = 1.0507009873554805;

const ACTIVATIONS: Record<string, (x: tf.Tensor) => tf.Tensor> = {
  linear: (x) => x,
  relu: (x) => tf.relu(x),
  relu6: (x) => tf.relu6(x),
  sigmoid: (x) => tf.sigmoid(x),
  tanh: (x) => tf.tanh(x),
  softmax: (x) => tf.softmax(x),
  elu: (x) => tf.elu(x),
  selu: (x) =>
    tf.mul(SELU_SCALE, tf.where(tf.greater(x, 0), x, tf.mul(SELU_ALPHA, tf.sub(tf.exp(x), 1)))),
  softplus: (x) => tf.softplus(x),
  softsign: (x) => tf.div(x, tf.add(1, tf.abs(x))),
  swish: (x) => tf.mul(x, tf.sigmoid(x)),
  silu: (x) => tf.mul(x, tf.sigmoid(x)),
  hard_sigmoid: (x) => tf.clipByValue(tf.add(tf.mul(0.2, x), 0.5), 0, 1),
};

// tfjs-layers' own getConfig() spells some names in camelCase.
const ALIASES: Record<string, string> = { hardSigmoid: 'hard_sigmoid' };

export const ACTIVATION_NAMES: readonly string[] = Object.keys(ACTIVATIONS);

export function isKnownActivation(name: string): boolean {
  return (ALIASES[name] ?? name) in ACTIVATIONS;
}

/** Applies the named activation; `layerName` goes into the error for an unknown name. */
export function applyActivation(name: string, x: tf.Tensor, layerName: string): tf.Tensor {
  const fn = ACTIVATIONS[ALIASES[name] ?? name];
  if (!fn) {
    throw new LabError(
      'UNKNOWN_ACTIVATION',
      `Layer "${layerName}" uses activation "${name}", which the lab does not support (supported: ${ACTIVATION_NAMES.join(', ')}).`,
    );
  }
  return fn(x);
}
