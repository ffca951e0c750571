/**
 * Layer shorthands for the test models: most of them are stacks of square, same-padded
 * convolutions, and spelling each config out made every builder a copy of the last.
 */
import * as tf from '@tensorflow/tfjs';

type ConvArgs = Parameters<typeof tf.layers.conv2d>[0];

/** A 3×3 same-padded Conv2D (tfjs names it) unless `args` says otherwise. */
export function sameConv(filters: number, args: Partial<ConvArgs> = {}) {
  return tf.layers.conv2d({ filters, kernelSize: 3, padding: 'same', ...args });
}

/** `sameConv` with a layer name. */
export function conv(name: string, filters: number, args: Partial<ConvArgs> = {}) {
  return sameConv(filters, { name, ...args });
}
