import type { LayerSpec, WeightTensor } from '../model/spec';
import { activationName, configNumber, configValue } from '../model/layer-config';
import { isChannelMixingActivation } from './activation-kinds';
import {
  concatShape,
  convShape,
  poolShape,
  reshapeShape,
  transposeConvShape,
  upSamplingShape,
  zeroPaddingShape,
} from './layer-shapes';
import { expandByMultiplier, sliceAxis } from './weight-slice';

/**
 * One handler per Keras class (the PrunerBox idea): how a layer maps channels, what its output
 * shape is, and how to cut its weights. Dispatch is on `className`, never on the layer's name.
 *
 * Roles: 'producer' makes new channels (a unit starts here); 'follower' acts channel by channel
 * and may join a unit's chain; 'passthrough' keeps channel identity (DepthwiseConv2D expands it by
 * its multiplier); 'flatten' turns [H, W, C] into rows p·C + c; 'mixing' combines channels in a way
 * surgery cannot follow (channels reaching it are not prunable); 'add' / 'concat' / 'input' as named.
 */
export type ChannelRole =
  'input' | 'producer' | 'follower' | 'passthrough' | 'flatten' | 'add' | 'concat' | 'mixing';

export interface PrunedWeights {
  weights: WeightTensor[];
  config: Record<string, unknown>;
}

export interface LayerHandler {
  role(layer: LayerSpec): ChannelRole;
  /** Output shape without the batch axis, from the input shapes. */
  outputShape(layer: LayerSpec, inputs: number[][]): number[];
  /** Keep output channels `kept` (producers only): kernel out-axis, bias, and the width in the config. */
  pruneOutChannels?(layer: LayerSpec, weights: WeightTensor[], kept: number[]): PrunedWeights;
  /** Keep input channels `kept` (indices along the input's last axis). */
  pruneInChannels?(layer: LayerSpec, weights: WeightTensor[], kept: number[]): WeightTensor[];
  /** Where a producer's output channels sit: weight index and axis of its kernel. */
  outKernel?: { weightIndex: number; axis: number };
  /** Channel multiplier of a passthrough (DepthwiseConv2D's depth_multiplier); 1 otherwise. */
  multiplier?(layer: LayerSpec): number;
}

const last = (s: number[]): number => s[s.length - 1];
const same = (_l: LayerSpec, inputs: number[][]): number[] => inputs[0].slice();
const fixed = (role: ChannelRole) => (): ChannelRole => role;

/** Slices the kernel's out-axis, the bias (weight 1 or `biasIndex`) and sets the width key. */
function outPruner(kernelIndex: number, axis: number, widthKey: string, biasIndex: number) {
  return (layer: LayerSpec, weights: WeightTensor[], kept: number[]): PrunedWeights => {
    const next = weights.slice();
    next[kernelIndex] = sliceAxis(weights[kernelIndex], axis, kept);
    if (next[biasIndex]) next[biasIndex] = sliceAxis(weights[biasIndex], 0, kept);
    return { weights: next, config: { ...layer.config, [widthKey]: kept.length } };
  };
}

function inPruner(kernelIndex: number, axis: number) {
  return (_layer: LayerSpec, weights: WeightTensor[], kept: number[]): WeightTensor[] => {
    const next = weights.slice();
    next[kernelIndex] = sliceAxis(weights[kernelIndex], axis, kept);
    return next;
  };
}

const depthMultiplier = (layer: LayerSpec): number => configNumber(layer, 'depth_multiplier', 1);
const filters = (layer: LayerSpec): number => configNumber(layer, 'filters', 0);

const conv2d: LayerHandler = {
  role: fixed('producer'),
  outputShape: (l, i) => convShape(l, i[0], filters(l)),
  outKernel: { weightIndex: 0, axis: 3 },
  pruneOutChannels: outPruner(0, 3, 'filters', 1),
  pruneInChannels: inPruner(0, 2),
};

const conv2dTranspose: LayerHandler = {
  role: fixed('producer'),
  outputShape: (l, i) => transposeConvShape(l, i[0], filters(l)),
  // tfjs stores the transposed kernel as [h, w, outChannels, inChannels].
  outKernel: { weightIndex: 0, axis: 2 },
  pruneOutChannels: outPruner(0, 2, 'filters', 1),
  pruneInChannels: inPruner(0, 3),
};

const separableConv2d: LayerHandler = {
  role: fixed('producer'),
  outputShape: (l, i) => convShape(l, i[0], filters(l)),
  outKernel: { weightIndex: 1, axis: 3 },
  pruneOutChannels: outPruner(1, 3, 'filters', 2),
  pruneInChannels(layer, weights, kept) {
    const next = weights.slice();
    next[0] = sliceAxis(weights[0], 2, kept);
    // The multiplier comes from the kernel: tfjs 4.22 drops depth_multiplier from SeparableConv2D configs.
    next[1] = sliceAxis(weights[1], 2, expandByMultiplier(kept, weights[0].shape[3]));
    return next;
  },
};

const dense: LayerHandler = {
  role: fixed('producer'),
  outputShape: (l, i) => [...i[0].slice(0, -1), configNumber(l, 'units', 0)],
  outKernel: { weightIndex: 0, axis: 1 },
  pruneOutChannels: outPruner(0, 1, 'units', 1),
  pruneInChannels: inPruner(0, 0),
};

const depthwiseConv2d: LayerHandler = {
  role: fixed('passthrough'),
  outputShape: (l, i) => convShape(l, i[0], last(i[0]) * depthMultiplier(l)),
  multiplier: depthMultiplier,
  pruneInChannels(_layer, weights, kept) {
    const next = weights.slice();
    next[0] = sliceAxis(weights[0], 2, kept);
    if (next[1]) next[1] = sliceAxis(weights[1], 0, expandByMultiplier(kept, weights[0].shape[3]));
    return next;
  },
};

const batchNorm: LayerHandler = {
  role: fixed('follower'),
  outputShape: same,
  // gamma, beta, moving mean and moving variance are all per-channel vectors.
  pruneInChannels: (_l, weights, kept) => weights.map((w) => sliceAxis(w, 0, kept)),
};

const activation: LayerHandler = {
  role: (l) => (isChannelMixingActivation(activationName(l)) ? 'mixing' : 'follower'),
  outputShape: same,
};

const follower: LayerHandler = { role: fixed('follower'), outputShape: same };
const passthrough = (shapeOf: (layer: LayerSpec, input: number[]) => number[]): LayerHandler => ({
  role: fixed('passthrough'),
  outputShape: (l, i) => shapeOf(l, i[0]),
});
const globalPool = passthrough((_l, input) => [last(input)]);

const flatten: LayerHandler = {
  role: fixed('flatten'),
  outputShape: (_l, i) => [i[0].reduce((a, b) => a * b, 1)],
};

const reshape: LayerHandler = {
  // A reshape to rank 1 is a flatten; any other target regroups channels, which surgery cannot follow.
  role: (l) =>
    ((configValue(l, 'target_shape') as number[] | undefined) ?? []).length === 1
      ? 'flatten'
      : 'mixing',
  outputShape: (l, i) => reshapeShape(l, i[0]),
};

export const LAYER_HANDLERS: Readonly<Record<string, LayerHandler>> = {
  InputLayer: { role: fixed('input'), outputShape: same },
  Conv2D: conv2d,
  Conv2DTranspose: conv2dTranspose,
  SeparableConv2D: separableConv2d,
  Dense: dense,
  DepthwiseConv2D: depthwiseConv2d,
  BatchNormalization: batchNorm,
  Activation: activation,
  ReLU: follower,
  LeakyReLU: follower,
  Dropout: follower,
  Softmax: { role: fixed('mixing'), outputShape: same },
  MaxPooling2D: passthrough(poolShape),
  AveragePooling2D: passthrough(poolShape),
  GlobalAveragePooling2D: globalPool,
  GlobalMaxPooling2D: globalPool,
  ZeroPadding2D: passthrough(zeroPaddingShape),
  UpSampling2D: passthrough(upSamplingShape),
  Flatten: flatten,
  Reshape: reshape,
  Add: { role: fixed('add'), outputShape: same },
  Concatenate: { role: fixed('concat'), outputShape: concatShape },
};

export const SUPPORTED_CLASSES: readonly string[] = Object.keys(LAYER_HANDLERS);

export function handlerFor(className: string): LayerHandler | undefined {
  return Object.prototype.hasOwnProperty.call(LAYER_HANDLERS, className)
    ? LAYER_HANDLERS[className]
    : undefined;
}
