import * as tf from '@tensorflow/tfjs';
import { LabError } from '../errors';
import type { ExplicitPad4D, WasmScratch } from './wasm-scratch';

type Pair = [number, number];
type Shape4D = [number, number, number, number];
export type ConvPad = 'valid' | 'same' | number | ExplicitPad4D;

/** The forward convolution's geometry, with tfjs's own pad amounts (asymmetric SAME included). */
export interface ConvGeometry {
  strides: Pair;
  padTop: number;
  padLeft: number;
}

export function convGeometry(
  inShape: number[],
  filterShape: number[],
  strides: number | Pair,
  pad: ConvPad,
  dimRoundingMode: 'floor' | 'round' | 'ceil' | undefined,
  depthwise: boolean,
): ConvGeometry {
  const info = tf.backend_util.computeConv2DInfo(
    inShape as Shape4D,
    filterShape as Shape4D,
    strides,
    1,
    pad,
    dimRoundingMode,
    depthwise,
    'channelsLast',
  );
  return {
    strides: [info.strideHeight, info.strideWidth],
    padTop: info.padInfo.top,
    padLeft: info.padInfo.left,
  };
}

/** The gradient formulas below hold for dilation 1 only (tfjs's own gradients assert the same). */
export function assertUnitDilations(dilations: unknown, kernelName: string): void {
  const pair =
    dilations == null
      ? [1, 1]
      : typeof dilations === 'number'
        ? [dilations, dilations]
        : (dilations as number[]);
  if (pair.some((d) => d !== 1)) {
    throw new LabError(
      'UNSUPPORTED',
      `The wasm ${kernelName} gradient supports dilation 1 only, got [${pair.join(', ')}].`,
    );
  }
}

/**
 * Per-side padding along one axis of a stride-1 correlation whose input has `inLength`
 * entries, whose kernel has `kernelSpan` taps, and whose output must have `outLength`
 * entries, given the leading pad. A negative trailing value means "crop that many".
 */
export function sidePads(
  inLength: number,
  kernelSpan: number,
  outLength: number,
  lead: number,
): Pair {
  return [lead, outLength + kernelSpan - 1 - inLength - lead];
}

/**
 * Applies per-side pads that may be negative: crops the negative sides with a slice and
 * returns the non-negative rest as an explicit NHWC padding for the following convolution.
 */
export function cropToPads(
  s: WasmScratch,
  x: tf.TensorInfo,
  rows: Pair,
  cols: Pair,
): [tf.TensorInfo, ExplicitPad4D] {
  const [n, h, w, c] = x.shape;
  const cut = (p: number): number => Math.max(0, -p);
  const begin = [0, cut(rows[0]), cut(cols[0]), 0];
  const size = [n, h - cut(rows[0]) - cut(rows[1]), w - cut(cols[0]) - cut(cols[1]), c];
  const cropped =
    begin[1] === 0 && begin[2] === 0 && size[1] === h && size[2] === w
      ? x
      : s.slice(x, begin, size);
  const keep = (p: number): number => Math.max(0, p);
  return [
    cropped,
    [
      [0, 0],
      [keep(rows[0]), keep(rows[1])],
      [keep(cols[0]), keep(cols[1])],
      [0, 0],
    ],
  ];
}
