import { LabError } from '../../errors';
import { readPadding, readPair } from '../../model/layer-config';
import type { LayerSpec, ModelSpec } from '../../model/spec';
import { KERAS_CLASS } from '../../layers/registry';

/**
 * Output shape (no batch, channels-last) of every layer of a spec, for the layer classes the
 * ONNX export writes. The exporter needs it to order Dense rows after a Flatten and to pick
 * the channel axis of a Concatenate or Softmax.
 */
export function kerasShapes(spec: ModelSpec): Map<string, number[]> {
  const shapes = new Map<string, number[]>();
  spec.inputLayers.forEach((name, i) => shapes.set(name, spec.inputShapes[i]));
  for (const layer of spec.layers) {
    if (shapes.has(layer.name)) continue;
    const ins = layer.inbound.map((n) => shapes.get(n) as number[]);
    shapes.set(layer.name, outputShape(spec, layer, ins));
  }
  return shapes;
}

function windowed(
  size: number,
  k: number,
  s: number,
  d: number,
  padding: 'same' | 'valid',
): number {
  return padding === 'same' ? Math.ceil(size / s) : Math.floor((size - (k - 1) * d - 1) / s) + 1;
}

function spatial(layer: LayerSpec, x: number[], channels: number, kernelKey: string): number[] {
  const k = readPair(layer, kernelKey, [1, 1]);
  const s = readPair(layer, 'strides', kernelKey === 'pool_size' ? k : [1, 1]);
  const d = readPair(layer, 'dilation_rate', [1, 1]);
  const p = readPadding(layer);
  return [windowed(x[0], k[0], s[0], d[0], p), windowed(x[1], k[1], s[1], d[1], p), channels];
}

function outputShape(spec: ModelSpec, layer: LayerSpec, ins: number[][]): number[] {
  const x = ins[0];
  const kernel = (i: number): number[] => spec.weights[layer.weights[i]].shape;
  switch (layer.className) {
    case KERAS_CLASS.Conv2D:
      return spatial(layer, x, kernel(0)[3], 'kernel_size');
    case KERAS_CLASS.SeparableConv2D:
      return spatial(layer, x, kernel(1)[3], 'kernel_size');
    case KERAS_CLASS.UpSampling2D: {
      const [sh, sw] = readPair(layer, 'size', [2, 2]);
      return [x[0] * sh, x[1] * sw, x[2]];
    }
    case KERAS_CLASS.Reshape:
      return (layer.config.target_shape ?? layer.config.targetShape) as number[];
    case KERAS_CLASS.DepthwiseConv2D:
      return spatial(layer, x, kernel(0)[2] * kernel(0)[3], 'kernel_size');
    case KERAS_CLASS.Conv2DTranspose: {
      const [kh, kw, out] = kernel(0);
      const [sh, sw] = readPair(layer, 'strides', [1, 1]);
      if (readPadding(layer) === 'same') return [x[0] * sh, x[1] * sw, out];
      return [(x[0] - 1) * sh + Math.max(kh, sh), (x[1] - 1) * sw + Math.max(kw, sw), out];
    }
    case KERAS_CLASS.MaxPooling2D:
    case KERAS_CLASS.AveragePooling2D:
      return spatial(layer, x, x[2], 'pool_size');
    case KERAS_CLASS.GlobalAveragePooling2D:
    case KERAS_CLASS.GlobalMaxPooling2D:
      return [x[2]];
    case KERAS_CLASS.ZeroPadding2D: {
      const [[t, b], [l, r]] = zeroPads(layer);
      return [x[0] + t + b, x[1] + l + r, x[2]];
    }
    case KERAS_CLASS.Flatten:
      return [x.reduce((a, v) => a * v, 1)];
    case KERAS_CLASS.Dense:
      return [...x.slice(0, -1), kernel(0)[1]];
    case KERAS_CLASS.Concatenate:
      return [...x.slice(0, -1), ins.reduce((a, s) => a + s[s.length - 1], 0)];
    default:
      return x;
  }
}

/** ZeroPadding2D padding as [[top, bottom], [left, right]] from any of Keras's three forms. */
export function zeroPads(layer: LayerSpec): [[number, number], [number, number]] {
  const p = layer.config.padding;
  if (typeof p === 'number')
    return [
      [p, p],
      [p, p],
    ];
  if (Array.isArray(p) && p.length === 2) {
    const [a, b] = p as unknown[];
    if (typeof a === 'number' && typeof b === 'number')
      return [
        [a, a],
        [b, b],
      ];
    if (Array.isArray(a) && Array.isArray(b))
      return [
        [Number(a[0]), Number(a[1])],
        [Number(b[0]), Number(b[1])],
      ];
  }
  if (p === undefined)
    return [
      [1, 1],
      [1, 1],
    ];
  throw new LabError(
    'INVALID_MODEL',
    `Layer "${layer.name}" (ZeroPadding2D) has padding ${JSON.stringify(p)}.`,
  );
}
