import { activation } from './activation';
import { add } from './add';
import { average } from './average';
import { averagePooling2d } from './average-pooling2d';
import { batchNormalization } from './batch-normalization';
import { concatenate } from './concatenate';
import { conv2d } from './conv2d';
import { conv2dTranspose } from './conv2d-transpose';
import { cropping2d } from './cropping2d';
import { dense } from './dense';
import { depthwiseConv2d } from './depthwise-conv2d';
import { dropout } from './dropout';
import { flatten } from './flatten';
import { globalAveragePooling2d } from './global-average-pooling2d';
import { globalMaxPooling2d } from './global-max-pooling2d';
import { inputLayer } from './input-layer';
import { leakyRelu } from './leaky-relu';
import { maxPooling2d } from './max-pooling2d';
import { multiply } from './multiply';
import { prelu } from './prelu';
import { relu } from './relu';
import { reshape } from './reshape';
import { separableConv2d } from './separable-conv2d';
import { softmax } from './softmax';
import { spatialDropout2d } from './spatial-dropout2d';
import type { LayerDescriptor, WeightFlags } from './types';
import { upSampling2d } from './up-sampling2d';
import { conv1d, conv3d, conv3dTranspose, embedding } from './weight-only';
import { zeroPadding2d } from './zero-padding2d';

/**
 * The one registry of Keras layer classes (the tfjs kernel-registry idea): each class is one
 * descriptor file, listed here once. Everything else dispatches on `layer.className` through
 * layerDescriptor(); nothing outside src/core/layers spells a class name (KERAS_CLASS does).
 * Order matters only for messages: supportedClassNames() lists classes in this order.
 */
const DESCRIPTORS = [
  inputLayer,
  conv2d,
  conv2dTranspose,
  separableConv2d,
  dense,
  depthwiseConv2d,
  batchNormalization,
  activation,
  relu,
  leakyRelu,
  dropout,
  softmax,
  maxPooling2d,
  averagePooling2d,
  globalAveragePooling2d,
  globalMaxPooling2d,
  zeroPadding2d,
  upSampling2d,
  flatten,
  reshape,
  add,
  concatenate,
  prelu,
  spatialDropout2d,
  cropping2d,
  multiply,
  average,
  conv1d,
  conv3d,
  conv3dTranspose,
  embedding,
] as const satisfies readonly LayerDescriptor[];

type ClassName = (typeof DESCRIPTORS)[number]['className'];

const BY_CLASS: ReadonlyMap<string, LayerDescriptor> = new Map(
  DESCRIPTORS.map((d) => [d.className, d]),
);

/** The descriptor of a Keras class, or undefined when the lab knows nothing about it. */
export function layerDescriptor(className: string): LayerDescriptor | undefined {
  return BY_CLASS.get(className);
}

/** True for classes the lab can restructure (they have a channel-flow role). */
export function isSupportedClass(className: string): boolean {
  return layerDescriptor(className)?.role !== undefined;
}

/** True for classes the executor can run (InputLayer is bound by the executor itself). */
export function isExecutableClass(className: string): boolean {
  return className === inputLayer.className || layerDescriptor(className)?.forward !== undefined;
}

const SUPPORTED: readonly string[] = (DESCRIPTORS as readonly LayerDescriptor[])
  .filter((d) => d.role)
  .map((d) => d.className);

/** Supported classes in registry order (the order every "Supported classes:" message uses). */
export function supportedClassNames(): readonly string[] {
  return SUPPORTED;
}

/** Class names for code outside src/core/layers: `KERAS_CLASS.Conv2D` instead of a string literal. */
export const KERAS_CLASS = Object.fromEntries(
  DESCRIPTORS.map((d) => [d.className, d.className]),
) as {
  readonly [K in ClassName]: K;
};

/** Weight roles of a class in Keras order for the given config flags; undefined when unknown. */
export function weightRolesOf(className: string, flags: WeightFlags): string[] | undefined {
  return layerDescriptor(className)?.weightRoles?.(flags);
}

/** Every class the registry describes, supported or not (the literal scan's vocabulary). */
export function knownClassNames(): readonly string[] {
  return [...BY_CLASS.keys()];
}
