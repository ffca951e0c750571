import * as tf from '@tensorflow/tfjs';
import { LabError } from '../errors';
import type { LayerSpec } from '../model/spec';
import { applyActivation } from './activations';
import { denseMatMul } from './dense-matmul';
import {
  assertChannelsLast,
  configValue,
  readActivationName,
  readBool,
  readPadding,
  readPair,
} from '../model/layer-config';
import type { LayerOpContext } from './layer-op-types';

/** Forward functions of the weight-carrying layers: convolutions and Dense. */

function finish(ctx: LayerOpContext, y: tf.Tensor): tf.Tensor {
  const bias = readBool(ctx.layer, 'use_bias', true) ? ctx.weight('bias') : undefined;
  const biased = bias ? tf.add(y, bias) : y;
  return applyActivation(readActivationName(ctx.layer), biased, ctx.layer.name);
}

function input4d(ctx: LayerOpContext): tf.Tensor4D {
  const x = ctx.inputs[0];
  if (x.rank !== 4) {
    throw new LabError(
      'UNSUPPORTED',
      `Layer "${ctx.layer.name}" (${ctx.layer.className}) expects a rank-4 input (batch, height, width, channels) but got rank ${x.rank}.`,
    );
  }
  return x as tf.Tensor4D;
}

type SpatialConv = typeof tf.conv2d | typeof tf.depthwiseConv2d;

/** Conv2D and DepthwiseConv2D differ only in the kernel's role and the op. */
function spatialConv(ctx: LayerOpContext, kernelRole: string, op: SpatialConv): tf.Tensor {
  const { layer } = ctx;
  assertChannelsLast(layer);
  const y = op(
    input4d(ctx),
    ctx.weight(kernelRole) as tf.Tensor4D,
    readPair(layer, 'strides', [1, 1]),
    readPadding(layer),
    'NHWC',
    readPair(layer, 'dilation_rate', [1, 1]),
  );
  return finish(ctx, y);
}

export const conv2dForward = (ctx: LayerOpContext): tf.Tensor =>
  spatialConv(ctx, 'kernel', tf.conv2d);
export const depthwiseConv2dForward = (ctx: LayerOpContext): tf.Tensor =>
  spatialConv(ctx, 'depthwise_kernel', tf.depthwiseConv2d);

export function separableConv2dForward(ctx: LayerOpContext): tf.Tensor {
  const { layer } = ctx;
  assertChannelsLast(layer);
  const y = tf.separableConv2d(
    input4d(ctx),
    ctx.weight('depthwise_kernel') as tf.Tensor4D,
    ctx.weight('pointwise_kernel') as tf.Tensor4D,
    readPair(layer, 'strides', [1, 1]),
    readPadding(layer),
    readPair(layer, 'dilation_rate', [1, 1]),
    'NHWC',
  );
  return finish(ctx, y);
}

/** Keras' deconv_output_length (conv_utils), dilation 1. */
export function transposedLength(
  inputLength: number,
  kernel: number,
  padding: 'same' | 'valid',
  stride: number,
  outputPadding?: number,
): number {
  if (outputPadding === undefined) {
    return padding === 'valid'
      ? inputLength * stride + Math.max(kernel - stride, 0)
      : inputLength * stride;
  }
  const pad = padding === 'same' ? Math.floor(kernel / 2) : 0;
  return (inputLength - 1) * stride + kernel - 2 * pad + outputPadding;
}

function readOutputPadding(layer: LayerSpec): [number, number] | undefined {
  const v = configValue(layer, 'output_padding');
  return v === undefined || v === null ? undefined : readPair(layer, 'output_padding', [0, 0]);
}

export function conv2dTransposeForward(ctx: LayerOpContext): tf.Tensor {
  const { layer } = ctx;
  assertChannelsLast(layer);
  const dilation = readPair(layer, 'dilation_rate', [1, 1]);
  if (dilation[0] !== 1 || dilation[1] !== 1) {
    throw new LabError(
      'UNSUPPORTED',
      `Layer "${layer.name}" (Conv2DTranspose) uses dilation_rate ${dilation.join('×')}; only 1 is supported.`,
    );
  }
  const x = input4d(ctx);
  // Keras kernel layout [kh, kw, outChannels, inChannels] is what tf.conv2dTranspose takes.
  const kernel = ctx.weight('kernel') as tf.Tensor4D;
  const [kh, kw, outChannels] = kernel.shape;
  const strides = readPair(layer, 'strides', [1, 1]);
  const padding = readPadding(layer);
  const outPad = readOutputPadding(layer);
  const outH = transposedLength(x.shape[1], kh, padding, strides[0], outPad?.[0]);
  const outW = transposedLength(x.shape[2], kw, padding, strides[1], outPad?.[1]);
  const y = tf.conv2dTranspose(x, kernel, [x.shape[0], outH, outW, outChannels], strides, padding);
  return finish(ctx, y);
}

/** Dense on the last axis; inputs of rank > 2 are flattened to 2-D around the matmul. */
export function denseForward(ctx: LayerOpContext): tf.Tensor {
  const x = ctx.inputs[0];
  const kernel = ctx.weight('kernel') as tf.Tensor2D;
  const units = kernel.shape[1];
  if (x.rank === 2) return finish(ctx, denseMatMul(x as tf.Tensor2D, kernel));
  const lead = x.shape.slice(0, -1);
  const flat = tf.reshape(x, [-1, x.shape[x.rank - 1]]) as tf.Tensor2D;
  return finish(ctx, tf.reshape(denseMatMul(flat, kernel), [...lead, units]));
}
