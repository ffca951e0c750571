import type { LayerForward } from '../exec/layer-op-types';
import type { LayerSpec, ModelSpec, WeightTensor } from '../model/spec';

/**
 * How a layer treats channels (see graph/channel-flow.ts): 'producer' makes new channels (a unit
 * starts here); 'follower' acts channel by channel and may join a unit's chain; 'passthrough'
 * keeps channel identity (DepthwiseConv2D expands it by its multiplier); 'flatten' turns
 * [H, W, C] into rows p·C + c; 'mixing' combines channels in a way surgery cannot follow
 * (channels reaching it are not prunable); 'add' / 'concat' / 'input' as named.
 */
export type ChannelRole =
  'input' | 'producer' | 'follower' | 'passthrough' | 'flatten' | 'add' | 'concat' | 'mixing';

export interface PrunedWeights {
  weights: WeightTensor[];
  config: Record<string, unknown>;
}

/** A kernel the weight quantizer touches: index in Keras weight order and its output axis. */
export interface KernelRule {
  index: number;
  /** Output-channel axis, 'depthwise' for the [h, w, in·mult] view, null for one scale per tensor. */
  axis: number | 'depthwise' | null;
}

/** An expected weight shape; null accepts any size along that axis. */
export type ExpectedShape = Array<number | null>;

/** Config flags that decide which optional weights a layer has (snake_case). */
export type WeightFlags = Record<string, unknown>;

/**
 * Everything the lab knows about one Keras class. Fields are optional by capability: a class
 * without `role` can be run (or only have its weights named) but not restructured.
 */
export interface LayerDescriptor {
  className: string;
  /** Channel-flow role; present exactly for the classes the lab can restructure. */
  role?(layer: LayerSpec): ChannelRole;
  /** Output shape without the batch axis, from the input shapes. */
  outputShape?(layer: LayerSpec, inputs: number[][]): number[];
  /** A config problem that makes the layer unsupported (message ends with a period). */
  configProblem?(layer: LayerSpec): string | undefined;
  /** Weight roles in Keras order, given the config's flags (use_bias, center, scale). */
  weightRoles?(flags: WeightFlags): string[];
  /** Expected shape per weight role for an input of shape `input` (no batch axis). */
  weightShapes?(
    layer: LayerSpec,
    input: number[],
    spec: ModelSpec,
  ): Record<string, ExpectedShape> | undefined;
  /** The forward op; absent for InputLayer (the executor binds the model input). */
  forward?: LayerForward;
  /** Where a producer's output channels sit: weight index and axis of its kernel. */
  outKernel?: { weightIndex: number; axis: number };
  /** Keep output channels `kept` (producers only): kernel out-axis, bias, and the width in the config. */
  pruneOutChannels?(layer: LayerSpec, weights: WeightTensor[], kept: number[]): PrunedWeights;
  /** Keep input channels `kept` (indices along the input's last axis). */
  pruneInChannels?(layer: LayerSpec, weights: WeightTensor[], kept: number[]): WeightTensor[];
  /** Channel multiplier of a passthrough (DepthwiseConv2D's depth_multiplier); 1 otherwise. */
  multiplier?(layer: LayerSpec): number;
  /** Kernels the weight quantizer rounds; biases and per-channel vectors stay float. */
  quantKernels?: readonly KernelRule[];
  /**
   * Outside a unit's chain, whether the layer turns a zeroed channel into a non-zero one (a BN
   * shift, a depthwise bias, an activation with f(0) ≠ 0): the masked model must mask after it.
   */
  addsChannelOffset?(layer: LayerSpec): boolean;
  /** Maps each input channel to the same output channel and nothing else (the rank-shift sweep). */
  channelwise?: boolean;
  /** Output is a view of its input (no new values in memory). */
  view?: boolean;
  /** The layer as a class stock TensorFlow.js 4.22 can load, when its own class is not one. */
  toStock?(layer: LayerSpec): LayerSpec;
}

/** Declares a descriptor keeping its class name as a literal type (KERAS_CLASS is built from them). */
export function defineLayer<const N extends string>(
  descriptor: LayerDescriptor & { className: N },
): LayerDescriptor & { className: N } {
  return descriptor;
}
