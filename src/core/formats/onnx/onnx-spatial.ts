import type { NodeProto } from 'onnx-buf';
import { LabError } from '../../errors';
import { attrInts, attrString } from './onnx-proto';

/**
 * ONNX padding (explicit pads or auto_pad) → what Keras can say: 'valid', 'same' (TensorFlow
 * pads the extra pixel at the end, as ONNX SAME_UPPER does), or explicit zero padding that a
 * ZeroPadding2D layer in front of a 'valid' layer reproduces (convolutions only).
 */
export interface Spatial {
  kernel: [number, number];
  strides: [number, number];
  dilations: [number, number];
  padding: 'same' | 'valid';
  /** [[top, bottom], [left, right]] for a ZeroPadding2D in front; undefined when none. */
  zeroPad?: [[number, number], [number, number]];
  /** Output height and width. */
  outHw: [number, number];
}

const pair = (v: number[] | undefined, fallback: number): [number, number] => [
  v?.[0] ?? fallback,
  v?.[1] ?? fallback,
];

/** TensorFlow's 'same' pads for one axis: [before, after]. */
function samePads(size: number, k: number, s: number): [number, number] {
  const total = Math.max((Math.ceil(size / s) - 1) * s + k - size, 0);
  const before = Math.floor(total / 2);
  return [before, total - before];
}

export function readSpatial(
  node: NodeProto,
  where: string,
  inHw: number[],
  kernelHw: number[],
  allowZeroPad: boolean,
): Spatial {
  const strides = pair(attrInts(node, 'strides'), 1);
  const dilations = pair(attrInts(node, 'dilations'), 1);
  const kernel: [number, number] = [kernelHw[0], kernelHw[1]];
  const eff = [0, 1].map((a) => (kernel[a] - 1) * dilations[a] + 1);
  const same = [0, 1].map((a) => samePads(inHw[a], eff[a], strides[a]));
  const pads = explicitPads(node, where, same);
  const out = (a: number, before: number, after: number): number =>
    Math.floor((inHw[a] + before + after - eff[a]) / strides[a]) + 1;
  const outHw: [number, number] = [out(0, pads[0], pads[2]), out(1, pads[1], pads[3])];
  const base = { kernel, strides, dilations, outHw };
  if (pads.every((p) => p === 0)) return { ...base, padding: 'valid' };
  if ([0, 1].every((a) => same[a][0] === pads[a] && same[a][1] === pads[a + 2]))
    return { ...base, padding: 'same' };
  if (!allowZeroPad)
    throw new LabError(
      'UNSUPPORTED',
      `${where} has pads [${pads.join(', ')}], which TensorFlow.js pooling cannot express; supported: no padding or TensorFlow 'same' padding.`,
    );
  return {
    ...base,
    padding: 'valid',
    zeroPad: [
      [pads[0], pads[2]],
      [pads[1], pads[3]],
    ],
  };
}

/** Pads as [top, left, bottom, right], resolved from auto_pad where it is set. */
function explicitPads(node: NodeProto, where: string, same: [number, number][]): number[] {
  const autoPad = attrString(node, 'auto_pad', 'NOTSET');
  if (autoPad === 'VALID') return [0, 0, 0, 0];
  if (autoPad === 'SAME_UPPER') return [same[0][0], same[1][0], same[0][1], same[1][1]];
  if (autoPad === 'SAME_LOWER') return [same[0][1], same[1][1], same[0][0], same[1][0]];
  const pads = attrInts(node, 'pads') ?? [0, 0, 0, 0];
  if (pads.length !== 4)
    throw new LabError('UNSUPPORTED', `${where} is not 2-D (pads [${pads.join(', ')}]).`);
  return pads;
}

/**
 * TensorFlow's transposed-convolution padding for one axis, in ONNX terms. The full output is
 * (in − 1)·s + k; 'same' crops it to in·s (⌊(k − s)/2⌋ before, the rest after) and 'valid'
 * keeps it, and when k < s both grow it to in·s with zeros after (output_padding s − k).
 */
export function transposePads(
  k: number,
  s: number,
  padding: 'same' | 'valid',
): { before: number; after: number; outputPadding: number } {
  const total = k - s;
  if (total < 0) return { before: 0, after: 0, outputPadding: -total };
  if (padding === 'valid') return { before: 0, after: 0, outputPadding: 0 };
  const before = Math.floor(total / 2);
  return { before, after: total - before, outputPadding: 0 };
}
