import type { LayerSpec } from '../model/spec';

/**
 * Typed reads of Keras layer configs. model.json stores snake_case keys; a spec built from a
 * live tfjs model may carry camelCase ones, so every read accepts both spellings.
 */
function camel(key: string): string {
  return key.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase());
}

export function configValue(layer: LayerSpec, key: string): unknown {
  const c = layer.config;
  if (c[key] !== undefined) return c[key];
  return c[camel(key)];
}

export function configNumber(layer: LayerSpec, key: string, fallback: number): number {
  const v = configValue(layer, key);
  return typeof v === 'number' ? v : fallback;
}

export function configBool(layer: LayerSpec, key: string, fallback: boolean): boolean {
  const v = configValue(layer, key);
  return typeof v === 'boolean' ? v : fallback;
}

/** A scalar or per-axis tuple config (kernel_size, strides, …) as a pair. */
export function configPair(layer: LayerSpec, key: string, fallback: number): [number, number] {
  const v = configValue(layer, key);
  if (typeof v === 'number') return [v, v];
  if (Array.isArray(v) && v.length >= 2) return [Number(v[0]), Number(v[1])];
  if (Array.isArray(v) && v.length === 1) return [Number(v[0]), Number(v[0])];
  return [fallback, fallback];
}

/** The activation string of a layer ('linear' when absent); object-form activations give their class name. */
export function activationName(layer: LayerSpec): string {
  const v = configValue(layer, 'activation');
  if (v == null) return 'linear';
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && typeof (v as { class_name?: unknown }).class_name === 'string') {
    return (v as { class_name: string }).class_name;
  }
  return String(v);
}

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

export function dataFormat(layer: LayerSpec): string {
  const v = configValue(layer, 'data_format');
  return typeof v === 'string' ? v : 'channels_last';
}
