/**
 * Which weights the lab quantizes, along which axis, and post-training quantization of a spec
 * (method.md §5). Each layer class's descriptor (src/core/layers) lists its kernels and their
 * output axis (`quantKernels`): convolution kernels are quantized per OUTPUT channel (or per
 * tensor when perChannel is off), Dense kernels always per tensor; a depthwise kernel
 * [h, w, in, mult] is quantized as the view [h, w, in·mult] with axis 2 (output channel i·mult + m).
 * Biases and normalization parameters stay float32.
 */
import type * as tf from '@tensorflow/tfjs';
import { LabError } from '../errors';
import { layerDescriptor } from '../layers/registry';
import type { KernelRule } from '../layers/types';
import type { ModelSpec, WeightTensor } from '../model/spec';
import { fakeQuantWeight } from './fake-quant-ops';
import {
  assertSupportedBits,
  dequantizeSymmetric,
  quantizeSymmetric,
  type SymmetricQuantized,
  type WeightQuantOptions,
} from './quantize-math';

export interface QuantConfig {
  /** 32 = float (no weight quantization); otherwise 2–8 or 16. */
  weightBits: number;
  /** 32 = float (no activation quantization); otherwise 2–8 or 16. */
  activationBits: number;
  /** Per output channel for convolution kernels (Dense stays per tensor either way). */
  perChannel: boolean;
  /** Power-of-two scales. */
  pow2: boolean;
}

export const FLOAT_BITS = 32;

export interface QuantTarget {
  weightName: string;
  layerName: string;
  className: string;
  /** Shape the quantizer sees (the depthwise view merges in and mult); same element order. */
  quantShape: number[];
  /** Channel axis in quantShape; null = one scale for the tensor. */
  perChannelAxis: number | null;
}

export function validateQuantConfig(config: QuantConfig): void {
  if (config.weightBits !== FLOAT_BITS)
    assertSupportedBits(config.weightBits, 'Weight quantization');
  if (config.activationBits !== FLOAT_BITS)
    assertSupportedBits(config.activationBits, 'Activation quantization');
}

function targetFor(
  rule: KernelRule,
  weightName: string,
  weight: WeightTensor,
  perChannel: boolean,
): Omit<QuantTarget, 'layerName' | 'className'> {
  const shape = weight.shape;
  if (rule.axis === 'depthwise') {
    const view = [shape[0], shape[1], shape[2] * shape[3]];
    return { weightName, quantShape: view, perChannelAxis: perChannel ? 2 : null };
  }
  return { weightName, quantShape: [...shape], perChannelAxis: perChannel ? rule.axis : null };
}

/** The kernels quantized under `config`, in layer order ([] when weightBits is 32). */
export function quantTargets(spec: ModelSpec, config: QuantConfig): QuantTarget[] {
  validateQuantConfig(config);
  if (config.weightBits === FLOAT_BITS) return [];
  const targets: QuantTarget[] = [];
  for (const layer of spec.layers) {
    const rules = layerDescriptor(layer.className)?.quantKernels ?? [];
    for (const rule of rules) {
      const weightName = layer.weights[rule.index];
      const weight = weightName === undefined ? undefined : spec.weights[weightName];
      if (!weight) {
        throw new LabError(
          'WEIGHTS_MISSING',
          `Layer "${layer.name}" (${layer.className}) has no kernel at weight index ${rule.index}.`,
        );
      }
      targets.push({
        ...targetFor(rule, weightName, weight, config.perChannel),
        layerName: layer.name,
        className: layer.className,
      });
    }
  }
  return targets;
}

export function targetOptions(target: QuantTarget, config: QuantConfig): WeightQuantOptions {
  return { bits: config.weightBits, perChannelAxis: target.perChannelAxis, pow2: config.pow2 };
}

/** QAT: fake-quantizes a kernel tensor for `target` (reshapes through the depthwise view and back). */
export function fakeQuantTarget(
  kernel: tf.Tensor,
  target: QuantTarget,
  config: QuantConfig,
): tf.Tensor {
  const opts = targetOptions(target, config);
  if (target.quantShape.length === kernel.shape.length) return fakeQuantWeight(kernel, opts);
  const view = kernel.reshape(target.quantShape);
  const out = fakeQuantWeight(view, opts);
  const back = out.reshape(kernel.shape);
  view.dispose();
  out.dispose();
  return back;
}

export interface QuantizedSpec {
  /** A new spec whose quantized kernels hold their grid values q·s (everything else shared). */
  spec: ModelSpec;
  /** Integer codes and scales per quantized weight name (codes in the target's quantShape). */
  codes: Record<string, SymmetricQuantized>;
  targets: QuantTarget[];
}

/** PTQ of the weights: every target kernel replaced by its fake-quantized values. Input untouched. */
export function quantizeSpecWeights(spec: ModelSpec, config: QuantConfig): QuantizedSpec {
  const targets = quantTargets(spec, config);
  const weights: Record<string, WeightTensor> = { ...spec.weights };
  const codes: Record<string, SymmetricQuantized> = {};
  for (const target of targets) {
    const original = spec.weights[target.weightName];
    const q = quantizeSymmetric(original.data, target.quantShape, targetOptions(target, config));
    codes[target.weightName] = q;
    weights[target.weightName] = { shape: [...original.shape], data: dequantizeSymmetric(q) };
  }
  return { spec: { ...spec, weights }, codes, targets };
}
