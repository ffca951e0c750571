import type * as tf from '@tensorflow/tfjs';
import {
  assertUnitDilations,
  convGeometry,
  cropToPads,
  sidePads,
  type ConvPad,
} from './conv-geometry';
import { cropLeading, filterGradPads } from './conv2d-backprop';
import { spreadWithZeros, withWasmScratch, type WasmBackendLike } from './wasm-scratch';

type Pair = [number, number];
type Rounding = 'floor' | 'round' | 'ceil' | undefined;

interface KernelArgs {
  inputs: Record<string, tf.TensorInfo>;
  backend: WasmBackendLike;
  attrs: Record<string, unknown>;
}

/**
 * Filter gradient of a depthwise convolution (any channel multiplier m):
 *   dW[kh,kw,c,j] = Σ_{n,oh,ow} x[n, oh·s+kh−top, ow·s+kw−left, c] · dy[n,oh,ow,c·m+j]
 * Every (n, c) pair is its own channel of one depthwise correlation: x as [1,H,W,N·C],
 * dy as a [OH,OW,N·C,m] filter dilated by the stride; the batch is summed afterwards.
 */
export function depthwiseBackpropFilterWasm(args: KernelArgs): tf.TensorInfo {
  const { strides, pad, dimRoundingMode, dilations, filterShape } = args.attrs;
  assertUnitDilations(dilations, 'DepthwiseConv2dNativeBackpropFilter');
  const [kh, kw, c, m] = filterShape as number[];
  const { x, dy } = args.inputs;
  const [n, h, w] = x.shape;
  const [, oh, ow] = dy.shape;
  return withWasmScratch(args.backend, (s) => {
    const geo = convGeometry(
      x.shape,
      [kh, kw, c, m],
      strides as Pair,
      pad as ConvPad,
      dimRoundingMode as Rounding,
      true,
    );
    const pad4 = filterGradPads(x.shape, dy.shape, [kh, kw], geo.strides, [
      geo.padTop,
      geo.padLeft,
    ]);
    const xT = s.reshape(s.transpose(x, [1, 2, 0, 3]), [1, h, w, n * c]);
    const dyT = s.reshape(s.transpose(dy, [1, 2, 0, 3]), [oh, ow, n * c, m]);
    const perSample = cropLeading(s, s.depthwiseConv2d(xT, dyT, pad4, geo.strides), kh, kw);
    const summed = s.sum(s.reshape(perSample, [kh * kw, n, c * m]), [1]);
    return s.reshape(summed, [kh, kw, c, m]);
  });
}

/**
 * Input gradient of a depthwise convolution: spread dy by the stride with zeros, correlate
 * each of its C·m channels with its 180°-rotated filter, then sum the m products of each
 * input channel.
 */
export function depthwiseBackpropInputWasm(args: KernelArgs): tf.TensorInfo {
  const { strides, pad, dimRoundingMode, dilations, inputShape } = args.attrs;
  assertUnitDilations(dilations, 'DepthwiseConv2dNativeBackpropInput');
  const xShape = inputShape as number[];
  const { dy, filter } = args.inputs;
  const [kh, kw, c, m] = filter.shape;
  return withWasmScratch(args.backend, (s) => {
    const geo = convGeometry(
      xShape,
      filter.shape,
      strides as Pair,
      pad as ConvPad,
      dimRoundingMode as Rounding,
      true,
    );
    const spread = spreadWithZeros(s, dy, geo.strides);
    const rows = sidePads(spread.shape[1], kh, xShape[1], kh - 1 - geo.padTop);
    const cols = sidePads(spread.shape[2], kw, xShape[2], kw - 1 - geo.padLeft);
    const [input, pad4] = cropToPads(s, spread, rows, cols);
    const rotated = s.reshape(s.reverse(filter, [0, 1]), [kh, kw, c * m, 1]);
    const dx = s.depthwiseConv2d(input, rotated, pad4);
    if (m === 1) return dx;
    return s.sum(s.reshape(dx, [xShape[0], xShape[1], xShape[2], c, m]), [4]);
  });
}
