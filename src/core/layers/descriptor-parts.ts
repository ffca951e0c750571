import { configNumber } from '../model/layer-config';
import type { LayerSpec, WeightTensor } from '../model/spec';
import { sliceAxis } from './slicing';
import type { ChannelRole, PrunedWeights, WeightFlags } from './types';

/** Small building blocks the layer descriptors share. */

export const lastAxis = (shape: number[]): number => shape[shape.length - 1];
export const sameShape = (_layer: LayerSpec, inputs: number[][]): number[] => inputs[0].slice();
export const fixedRole = (role: ChannelRole) => (): ChannelRole => role;

export const filtersOf = (layer: LayerSpec): number => configNumber(layer, 'filters', 0);
export const depthMultiplierOf = (layer: LayerSpec): number =>
  configNumber(layer, 'depth_multiplier', 1);

/** ['bias'] unless use_bias is false. */
export const biasRoles = (flags: WeightFlags): string[] =>
  flags.use_bias === false ? [] : ['bias'];

/** Slices the kernel's out-axis, the bias (at `biasIndex`) and sets the width key in the config. */
export function outPruner(kernelIndex: number, axis: number, widthKey: string, biasIndex: number) {
  return (layer: LayerSpec, weights: WeightTensor[], kept: number[]): PrunedWeights => {
    const next = weights.slice();
    next[kernelIndex] = sliceAxis(weights[kernelIndex], axis, kept);
    if (next[biasIndex]) next[biasIndex] = sliceAxis(weights[biasIndex], 0, kept);
    return { weights: next, config: { ...layer.config, [widthKey]: kept.length } };
  };
}

/** Slices the kernel's in-axis. */
export function inPruner(kernelIndex: number, axis: number) {
  return (_layer: LayerSpec, weights: WeightTensor[], kept: number[]): WeightTensor[] => {
    const next = weights.slice();
    next[kernelIndex] = sliceAxis(weights[kernelIndex], axis, kept);
    return next;
  };
}

/** Every weight is a per-channel vector: keep the same entries of each (BN, PReLU's alpha). */
export const sliceVectors = (_layer: LayerSpec, weights: WeightTensor[], kept: number[]) =>
  weights.map((w) => sliceAxis(w, w.shape.length - 1, kept));
