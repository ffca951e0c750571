import * as tf from '@tensorflow/tfjs';
import { LabError } from '../errors';
import type { LayerSpec } from '../model/spec';
import {
  assertChannelsLast,
  configValue,
  readBool,
  readNumber,
  readPadding,
  readPair,
  readString,
} from '../model/layer-config';
import type { LayerForward, LayerOpContext } from './layer-op-types';

/** Forward functions of parameter-free layers: pooling, padding, resizing, reshaping, merging. */

function x4(ctx: LayerOpContext): tf.Tensor4D {
  const x = ctx.inputs[0];
  if (x.rank !== 4) {
    throw new LabError(
      'UNSUPPORTED',
      `Layer "${ctx.layer.name}" (${ctx.layer.className}) expects a rank-4 input but got rank ${x.rank}.`,
    );
  }
  return x as tf.Tensor4D;
}

export function poolForward(kind: 'max' | 'avg'): LayerForward {
  return (ctx) => {
    assertChannelsLast(ctx.layer);
    const size = readPair(ctx.layer, 'pool_size', [2, 2]);
    const strides = readPair(ctx.layer, 'strides', size); // Keras: strides default to pool_size
    const op = kind === 'max' ? tf.maxPool : tf.avgPool;
    return op(x4(ctx), size, strides, readPadding(ctx.layer));
  };
}

export function globalPoolForward(kind: 'max' | 'avg'): LayerForward {
  return (ctx) => {
    assertChannelsLast(ctx.layer);
    const keepDims = readBool(ctx.layer, 'keepdims', false);
    const x = x4(ctx);
    return kind === 'max' ? tf.max(x, [1, 2], keepDims) : tf.mean(x, [1, 2], keepDims);
  };
}

/** ZeroPadding2D padding: int, [h, w], or [[top, bottom], [left, right]]. */
function readZeroPadding(layer: LayerSpec): [[number, number], [number, number]] {
  const v = configValue(layer, 'padding');
  if (Array.isArray(v) && v.length === 2 && Array.isArray(v[0]) && Array.isArray(v[1])) {
    return [
      [v[0][0], v[0][1]],
      [v[1][0], v[1][1]],
    ];
  }
  const [h, w] = readPair(layer, 'padding', [1, 1]);
  return [
    [h, h],
    [w, w],
  ];
}

export function zeroPadding2dForward(ctx: LayerOpContext): tf.Tensor {
  assertChannelsLast(ctx.layer);
  const [hp, wp] = readZeroPadding(ctx.layer);
  return tf.pad(x4(ctx), [[0, 0], hp, wp, [0, 0]]);
}

export function upSampling2dForward(ctx: LayerOpContext): tf.Tensor {
  assertChannelsLast(ctx.layer);
  const [sh, sw] = readPair(ctx.layer, 'size', [2, 2]);
  const x = x4(ctx);
  const size: [number, number] = [x.shape[1] * sh, x.shape[2] * sw];
  const interpolation = readString(ctx.layer, 'interpolation', 'nearest');
  if (interpolation === 'nearest') return tf.image.resizeNearestNeighbor(x, size);
  if (interpolation === 'bilinear') return tf.image.resizeBilinear(x, size);
  throw new LabError(
    'UNSUPPORTED',
    `Layer "${ctx.layer.name}" (UpSampling2D) uses interpolation "${interpolation}"; only nearest and bilinear are supported.`,
  );
}

export function reshapeForward(ctx: LayerOpContext): tf.Tensor {
  const target = configValue(ctx.layer, 'target_shape');
  if (!Array.isArray(target) || !target.every((d) => typeof d === 'number' || d === null)) {
    throw new LabError(
      'INVALID_MODEL',
      `Layer "${ctx.layer.name}" (Reshape) has no valid target_shape in its config.`,
    );
  }
  const x = ctx.inputs[0];
  return tf.reshape(x, [x.shape[0], ...target.map((d) => (d === null ? -1 : (d as number)))]);
}

export function concatenateForward(ctx: LayerOpContext): tf.Tensor {
  const axis = readNumber(ctx.layer, 'axis', -1);
  const rank = ctx.inputs[0].rank;
  return tf.concat(ctx.inputs, axis < 0 ? rank + axis : axis);
}

export function mergeForward(op: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor): LayerForward {
  return (ctx) => {
    if (ctx.inputs.length < 2) {
      throw new LabError(
        'INVALID_MODEL',
        `Layer "${ctx.layer.name}" (${ctx.layer.className}) needs at least two inputs but has ${ctx.inputs.length}.`,
      );
    }
    return ctx.inputs.slice(1).reduce(op, ctx.inputs[0]);
  };
}

export const flattenForward: LayerForward = (ctx) =>
  tf.reshape(ctx.inputs[0], [ctx.inputs[0].shape[0], -1]);

export const averageForward: LayerForward = (ctx) =>
  tf.div(mergeForward(tf.add)(ctx), ctx.inputs.length);
