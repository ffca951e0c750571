/**
 * Spec rewrites that let a stock tfjs loader reproduce per-channel quantization grids.
 *
 * The stock manifest has one (scale, min) per tensor. A per-channel kernel is therefore stored
 * as its integer codes (scale 1, min = −2^(b−1): exact), and the per-channel scales s_c move into
 * a 1×1 DepthwiseConv2D inserted right after the producer, whose kernel [1, 1, C, 1] is s_c.
 * The producer's bias and activation move onto that layer (producer: use_bias false, linear), so
 *   act(conv(x, q)·s + b) = act(conv(x, q·s) + b)
 * holds up to float32 rounding. A SeparableConv2D is first split into its DepthwiseConv2D and a
 * 1×1 Conv2D (what tfjs computes internally), because its depthwise scales cannot be applied
 * after the pointwise mixing.
 */
import { KERAS_CLASS } from '../layers/registry';
import type { LayerSpec, ModelSpec, WeightTensor } from '../model/spec';

function camel(key: string): string {
  return key.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase());
}

/** Sets a Keras config key in the spelling the config already uses (snake_case by default). */
function withConfig(
  config: Record<string, unknown>,
  values: Record<string, unknown>,
): Record<string, unknown> {
  const next = { ...config };
  for (const [key, value] of Object.entries(values)) {
    if (next[camel(key)] !== undefined && next[key] === undefined) next[camel(key)] = value;
    else next[key] = value;
  }
  return next;
}

function readConfig(config: Record<string, unknown>, key: string): unknown {
  return config[key] !== undefined ? config[key] : config[camel(key)];
}

export function uniqueLayerName(spec: ModelSpec, base: string): string {
  const taken = new Set(spec.layers.map((l) => l.name));
  if (!taken.has(base)) return base;
  let i = 1;
  while (taken.has(`${base}_${i}`)) i++;
  return `${base}_${i}`;
}

/** Inserts `added` right after `after` and points every consumer (and model output) of `after` at the last added layer. */
function insertAfter(
  spec: ModelSpec,
  after: string,
  added: LayerSpec[],
  replaceSelf?: LayerSpec,
): ModelSpec {
  const tail = added[added.length - 1].name;
  const redirect = (name: string): string => (name === after ? tail : name);
  const layers: LayerSpec[] = [];
  for (const layer of spec.layers) {
    if (layer.name === after) {
      layers.push(replaceSelf ?? layer, ...added);
      continue;
    }
    layers.push({ ...layer, inbound: layer.inbound.map(redirect) });
  }
  return { ...spec, layers, outputLayers: spec.outputLayers.map(redirect) };
}

function scaleLayerConfig(
  name: string,
  activation: unknown,
  useBias: boolean,
): Record<string, unknown> {
  return {
    name,
    trainable: true,
    dtype: 'float32',
    kernel_size: [1, 1],
    strides: [1, 1],
    padding: 'valid',
    data_format: 'channels_last',
    dilation_rate: [1, 1],
    depth_multiplier: 1,
    activation: activation ?? 'linear',
    use_bias: useBias,
  };
}

/**
 * Adds the per-channel scaling layer after `layerName`, whose weight `kernelName` must already hold
 * integer codes; `biasIndex` is where the producer keeps its bias (if it has one).
 */
export function addScaleLayer(
  spec: ModelSpec,
  layerName: string,
  biasIndex: number,
  scales: Float32Array,
): ModelSpec {
  const producer = spec.layers.find((l) => l.name === layerName)!;
  const name = uniqueLayerName(spec, `${layerName}_qscale`);
  const biasName = producer.weights[biasIndex];
  const weights: Record<string, WeightTensor> = { ...spec.weights };
  const kernelName = `${name}/depthwise_kernel`;
  weights[kernelName] = { shape: [1, 1, scales.length, 1], data: Float32Array.from(scales) };
  const scaleWeights = [kernelName];
  if (biasName !== undefined) {
    weights[`${name}/bias`] = spec.weights[biasName];
    delete weights[biasName];
    scaleWeights.push(`${name}/bias`);
  }
  const scaleLayer: LayerSpec = {
    name,
    className: KERAS_CLASS.DepthwiseConv2D,
    config: scaleLayerConfig(
      name,
      readConfig(producer.config, 'activation'),
      biasName !== undefined,
    ),
    inbound: [layerName],
    weights: scaleWeights,
  };
  const bare: LayerSpec = {
    ...producer,
    config: withConfig(producer.config, { use_bias: false, activation: 'linear' }),
    weights: producer.weights.filter((w) => w !== biasName),
  };
  return { ...insertAfter(spec, layerName, [scaleLayer], bare), weights };
}

/** Weight-name renames made by splitSeparable: old full name → new full name. */
export type WeightRenames = Record<string, string>;

/** SeparableConv2D → DepthwiseConv2D ('<name>_dw') + 1×1 Conv2D ('<name>_pw') with the bias and activation. */
export function splitSeparable(
  spec: ModelSpec,
  layerName: string,
): { spec: ModelSpec; renames: WeightRenames } {
  const sep = spec.layers.find((l) => l.name === layerName)!;
  const dwName = uniqueLayerName(spec, `${layerName}_dw`);
  const pwName = uniqueLayerName(spec, `${layerName}_pw`);
  const [dwKernel, pwKernel, bias] = sep.weights;
  const renames: WeightRenames = {
    [dwKernel]: `${dwName}/depthwise_kernel`,
    [pwKernel]: `${pwName}/kernel`,
  };
  if (bias !== undefined) renames[bias] = `${pwName}/bias`;
  const weights: Record<string, WeightTensor> = { ...spec.weights };
  for (const [from, to] of Object.entries(renames)) {
    weights[to] = spec.weights[from];
    delete weights[from];
  }
  const c = sep.config;
  const depthwise: LayerSpec = {
    name: dwName,
    className: KERAS_CLASS.DepthwiseConv2D,
    config: {
      name: dwName,
      trainable: true,
      dtype: 'float32',
      kernel_size: readConfig(c, 'kernel_size'),
      strides: readConfig(c, 'strides') ?? [1, 1],
      padding: readConfig(c, 'padding') ?? 'valid',
      data_format: 'channels_last',
      dilation_rate: readConfig(c, 'dilation_rate') ?? [1, 1],
      depth_multiplier: readConfig(c, 'depth_multiplier') ?? 1,
      activation: 'linear',
      use_bias: false,
    },
    inbound: sep.inbound,
    weights: [renames[dwKernel]],
  };
  const pointwise: LayerSpec = {
    name: pwName,
    className: KERAS_CLASS.Conv2D,
    config: {
      name: pwName,
      trainable: true,
      dtype: 'float32',
      filters: readConfig(c, 'filters'),
      kernel_size: [1, 1],
      strides: [1, 1],
      padding: 'valid',
      data_format: 'channels_last',
      dilation_rate: [1, 1],
      activation: readConfig(c, 'activation') ?? 'linear',
      use_bias: bias !== undefined,
    },
    inbound: [dwName],
    weights: bias !== undefined ? [renames[pwKernel], renames[bias]] : [renames[pwKernel]],
  };
  return { spec: { ...insertAfter(spec, layerName, [pointwise], depthwise), weights }, renames };
}
