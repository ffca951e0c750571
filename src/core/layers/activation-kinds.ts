/**
 * What the channel graph must know about an activation: whether tfjs can deserialize it,
 * whether f(0) = 0 (a zeroed channel stays zero), and whether it mixes channels.
 */
/** Activation identifiers tfjs-layers 4.22 can deserialize (activationOptions plus camelCase aliases). */
export const KNOWN_ACTIVATIONS: readonly string[] = [
  'linear',
  'relu',
  'relu6',
  'elu',
  'selu',
  'sigmoid',
  'hard_sigmoid',
  'hardSigmoid',
  'tanh',
  'softmax',
  'softplus',
  'softsign',
  'swish',
  'mish',
  'gelu',
  'gelu_new',
];

/** f(0) = 0 for these, so a zeroed channel stays zero after them. */
const ZERO_PRESERVING = new Set([
  'linear',
  'relu',
  'relu6',
  'elu',
  'selu',
  'tanh',
  'softsign',
  'swish',
  'mish',
  'gelu',
  'gelu_new',
]);

export function isZeroPreservingActivation(name: string): boolean {
  return ZERO_PRESERVING.has(name);
}

/** Softmax mixes channels: removing one changes the others, so it cannot sit inside a prunable chain. */
export function isChannelMixingActivation(name: string): boolean {
  return name === 'softmax';
}
