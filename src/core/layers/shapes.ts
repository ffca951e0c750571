import type { LayerSpec } from '../model/spec';
import { configNumber, configPair, configValue } from '../model/layer-config';

/** Output-shape rules (channels-last, no batch dimension) shared by the layer descriptors. */

function convLength(
  input: number,
  kernel: number,
  stride: number,
  dilation: number,
  padding: string,
): number {
  const effective = kernel + (kernel - 1) * (dilation - 1);
  return padding === 'same'
    ? Math.ceil(input / stride)
    : Math.floor((input - effective) / stride) + 1;
}

function paddingOf(layer: LayerSpec): string {
  const p = configValue(layer, 'padding');
  return typeof p === 'string' ? p : 'valid';
}

export function convShape(layer: LayerSpec, input: number[], outChannels: number): number[] {
  const [kh, kw] = configPair(layer, 'kernel_size', 1);
  const [sh, sw] = configPair(layer, 'strides', 1);
  const [dh, dw] = configPair(layer, 'dilation_rate', 1);
  const pad = paddingOf(layer);
  return [
    convLength(input[0], kh, sh, dh, pad),
    convLength(input[1], kw, sw, dw, pad),
    outChannels,
  ];
}

export function poolShape(layer: LayerSpec, input: number[]): number[] {
  const [ph, pw] = configPair(layer, 'pool_size', 2);
  const strides =
    configValue(layer, 'strides') == null ? [ph, pw] : configPair(layer, 'strides', 1);
  const pad = paddingOf(layer);
  return [
    convLength(input[0], ph, strides[0], 1, pad),
    convLength(input[1], pw, strides[1], 1, pad),
    input[2],
  ];
}

function deconvLength(
  input: number,
  kernel: number,
  stride: number,
  dilation: number,
  padding: string,
): number {
  const effective = kernel + (kernel - 1) * (dilation - 1);
  return padding === 'same' ? input * stride : input * stride + Math.max(effective - stride, 0);
}

export function transposeConvShape(
  layer: LayerSpec,
  input: number[],
  outChannels: number,
): number[] {
  const [kh, kw] = configPair(layer, 'kernel_size', 1);
  const [sh, sw] = configPair(layer, 'strides', 1);
  const [dh, dw] = configPair(layer, 'dilation_rate', 1);
  const pad = paddingOf(layer);
  return [
    deconvLength(input[0], kh, sh, dh, pad),
    deconvLength(input[1], kw, sw, dw, pad),
    outChannels,
  ];
}

/** ZeroPadding2D padding: int, [h, w] or [[top, bottom], [left, right]]. */
export function zeroPaddingShape(layer: LayerSpec, input: number[]): number[] {
  const p = configValue(layer, 'padding');
  let rows = [1, 1];
  let cols = [1, 1];
  if (typeof p === 'number') rows = cols = [p, p];
  else if (Array.isArray(p) && Array.isArray(p[0])) {
    rows = (p[0] as number[]).map(Number);
    cols = (p[1] as number[]).map(Number);
  } else if (Array.isArray(p)) {
    rows = [Number(p[0]), Number(p[0])];
    cols = [Number(p[1]), Number(p[1])];
  }
  return [input[0] + rows[0] + rows[1], input[1] + cols[0] + cols[1], input[2]];
}

export function upSamplingShape(layer: LayerSpec, input: number[]): number[] {
  const [sh, sw] = configPair(layer, 'size', 2);
  return [input[0] * sh, input[1] * sw, input[2]];
}

export function reshapeShape(layer: LayerSpec, input: number[]): number[] {
  const target = (configValue(layer, 'target_shape') as number[] | undefined) ?? [];
  const total = input.reduce((a, b) => a * b, 1);
  const known = target.filter((d) => d !== -1 && d != null).reduce((a, b) => a * b, 1);
  return target.map((d) => (d === -1 || d == null ? total / known : d));
}

/** Concatenate's axis in the no-batch shape (Keras counts the batch axis; −1 is the last axis). */
export function concatAxis(layer: LayerSpec, rank: number): number {
  const axis = configNumber(layer, 'axis', -1);
  return axis < 0 ? rank + axis : axis - 1;
}

export function concatShape(layer: LayerSpec, inputs: number[][]): number[] {
  const axis = concatAxis(layer, inputs[0].length);
  const out = inputs[0].slice();
  out[axis] = inputs.reduce((sum, s) => sum + s[axis], 0);
  return out;
}
