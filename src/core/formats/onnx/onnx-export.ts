import { LabError } from '../../errors';
import {
  activationName,
  readBool,
  readNumber,
  readPadding,
  readPair,
} from '../../model/layer-config';
import type { LayerSpec, ModelSpec, WeightTensor } from '../../model/spec';
import { FLOAT_BITS, quantizeSpecWeights, type QuantConfig } from '../../quant/quant-plan';
import type { ActivationRange, SymmetricQuantized } from '../../quant/quantize-math';
import { kerasShapes, zeroPads } from './keras-shapes';
import { transposePads } from './onnx-spatial';
import {
  convKernelToOnnx,
  convTransposeKernelToOnnx,
  depthwiseKernelToOnnx,
  permuteFlattenRows,
} from './onnx-layout';
import { floatAttr, intAttr, intsAttr, OnnxWriter, stringAttr } from './onnx-writer';
import { KERAS_CLASS } from '../../layers/registry';

/**
 * The lab's (pruned) model → an `.onnx` file, NCHW like the models people bring. Float, or
 * QDQ: each quantized kernel stored as int8 codes with a DequantizeLinear (per output channel
 * where the lab quantized per channel), and each activation the lab quantized followed by a
 * per-tensor uint8 QuantizeLinear → DequantizeLinear pair from its calibrated [lo, hi]. The
 * codes and scales are the lab's own (quantizeSpecWeights), so ONNX Runtime computes what the
 * lab's fake-quantized model computes, up to rounding of the activation zero point.
 */
export interface OnnxExportOptions {
  /** false: float weights and no activation pairs. */
  qdq: boolean;
  activationRanges?: Record<string, ActivationRange>;
}

export const ONNX_INPUT_NAME = 'input';

interface Ctx {
  w: OnnxWriter;
  spec: ModelSpec;
  shapes: Map<string, number[]>;
  /** ONNX tensor name holding each layer's output. */
  out: Map<string, string>;
  codes: Record<string, SymmetricQuantized>;
}

export function exportOnnx(
  spec: ModelSpec,
  quant: QuantConfig,
  opts: OnnxExportOptions,
): Uint8Array {
  if (opts.qdq && quant.weightBits !== FLOAT_BITS && quant.weightBits > 8)
    throw new LabError(
      'INVALID_ARGUMENT',
      `The ONNX QDQ export stores int8 codes; weights quantized to ${quant.weightBits} bits need the float export (--format onnx-float).`,
    );
  const codes = opts.qdq ? quantizeSpecWeights(spec, quant).codes : {};
  const ctx: Ctx = { w: new OnnxWriter(), spec, shapes: kerasShapes(spec), out: new Map(), codes };
  const ranges = opts.qdq && quant.activationBits <= 8 ? (opts.activationRanges ?? {}) : {};
  for (const layer of spec.layers) {
    const name = writeLayer(ctx, layer);
    const range = Object.hasOwn(ranges, layer.name) ? ranges[layer.name] : undefined;
    ctx.out.set(layer.name, range ? quantDequant(ctx, name, range, quant.activationBits) : name);
  }
  spec.outputLayers.forEach((name, i) => {
    const outName = i === 0 ? 'output' : `output_${i}`;
    ctx.w.node('Identity', [ctx.out.get(name) as string], outName);
    ctx.w.output(outName, ['batch', ...onnxDims(ctx.shapes.get(name) as number[])]);
  });
  return ctx.w.serialize(spec.name);
}

/** Keras [H, W, C] → ONNX [C, H, W]; rank 1 stays. */
function onnxDims(shape: number[]): number[] {
  return shape.length === 3 ? [shape[2], shape[0], shape[1]] : shape;
}

function quantDequant(ctx: Ctx, x: string, range: ActivationRange, bits: number): string {
  const levels = 2 ** bits - 1;
  const step = range.hi > range.lo ? (range.hi - range.lo) / levels : 1;
  const zero = Math.min(levels, Math.max(0, Math.round(-range.lo / step)));
  const s = ctx.w.floats(`${x}_scale`, [], Float32Array.of(step));
  const z = ctx.w.uint8s(`${x}_zero`, [], [zero]);
  const q = ctx.w.node('QuantizeLinear', [x, s, z], `${x}_q`);
  return ctx.w.node('DequantizeLinear', [q, s, z], `${x}_dq`);
}

/** A kernel initializer in ONNX layout: float, or int8 codes + DequantizeLinear under QDQ. */
function kernelInput(
  ctx: Ctx,
  weightName: string,
  toOnnx: (w: WeightTensor) => WeightTensor,
  onnxAxis: number,
  base: string,
): string {
  const weight = ctx.spec.weights[weightName];
  const q = Object.hasOwn(ctx.codes, weightName) ? ctx.codes[weightName] : undefined;
  if (!q) {
    const t = toOnnx(weight);
    return ctx.w.floats(base, t.shape, t.data);
  }
  const t = toOnnx({ shape: weight.shape, data: Float32Array.from(q.codes) });
  const codes = ctx.w.int8s(`${base}_int8`, t.shape, t.data);
  const perChannel = q.scales.length > 1;
  const dims = perChannel ? [q.scales.length] : [];
  const s = ctx.w.floats(`${base}_scale`, dims, q.scales);
  const z = ctx.w.int8s(`${base}_zero`, dims, new Int8Array(q.scales.length));
  const attrs = perChannel ? [intAttr('axis', onnxAxis)] : [];
  return ctx.w.node('DequantizeLinear', [codes, s, z], base, attrs);
}

function biasInput(ctx: Ctx, layer: LayerSpec, index: number): string[] {
  const name = layer.weights[index];
  if (!readBool(layer, 'use_bias', true) || name === undefined) return [];
  const b = ctx.spec.weights[name];
  return [ctx.w.floats(`${layer.name}_B`, b.shape, b.data)];
}

function inputOf(ctx: Ctx, layer: LayerSpec, i = 0): string {
  return ctx.out.get(layer.inbound[i]) as string;
}

function inShape(ctx: Ctx, layer: LayerSpec, i = 0): number[] {
  return ctx.shapes.get(layer.inbound[i]) as number[];
}

function windowAttrs(
  layer: LayerSpec,
  kernelKey: 'kernel_size' | 'pool_size',
): ReturnType<typeof intsAttr>[] {
  const k = readPair(layer, kernelKey, [1, 1]);
  const attrs = [
    intsAttr('kernel_shape', k),
    intsAttr('strides', readPair(layer, 'strides', kernelKey === 'pool_size' ? k : [1, 1])),
  ];
  if (kernelKey === 'kernel_size')
    attrs.push(intsAttr('dilations', readPair(layer, 'dilation_rate', [1, 1])));
  attrs.push(
    readPadding(layer) === 'same'
      ? stringAttr('auto_pad', 'SAME_UPPER')
      : intsAttr('pads', [0, 0, 0, 0]),
  );
  return attrs;
}

/** The layer's own activation (Conv2D(activation='relu') …) as a node after it. */
function withActivation(ctx: Ctx, layer: LayerSpec, x: string, rank: number): string {
  return activationNode(ctx, activationName(layer), x, `${layer.name}_act`, rank, layer);
}

function activationNode(
  ctx: Ctx,
  act: string,
  x: string,
  name: string,
  rank: number,
  layer: LayerSpec,
): string {
  switch (act) {
    case 'linear':
      return x;
    case 'relu':
      return ctx.w.node('Relu', [x], name);
    case 'relu6':
      return ctx.w.node(
        'Clip',
        [
          x,
          ctx.w.floats(`${name}_min`, [], Float32Array.of(0)),
          ctx.w.floats(`${name}_max`, [], Float32Array.of(6)),
        ],
        name,
      );
    case 'sigmoid':
      return ctx.w.node('Sigmoid', [x], name);
    case 'tanh':
      return ctx.w.node('Tanh', [x], name);
    case 'elu':
      return ctx.w.node('Elu', [x], name, [floatAttr('alpha', 1)]);
    case 'softmax':
      return ctx.w.node('Softmax', [x], name, [intAttr('axis', rank === 3 ? 1 : -1)]);
    default:
      throw new LabError(
        'UNSUPPORTED',
        `Layer "${layer.name}" (${layer.className}) uses activation "${act}", which the ONNX export does not write; supported: linear, relu, relu6, sigmoid, tanh, elu, softmax.`,
      );
  }
}

type Writer = (ctx: Ctx, layer: LayerSpec) => string;

const WRITERS: Readonly<Record<string, Writer>> = {
  InputLayer: (ctx, layer) => {
    const shape = ctx.shapes.get(layer.name) as number[];
    ctx.w.input(ONNX_INPUT_NAME, ['batch', ...onnxDims(shape)]);
    return ONNX_INPUT_NAME;
  },
  Conv2D: (ctx, layer) => {
    const k = kernelInput(ctx, layer.weights[0], convKernelToOnnx, 0, `${layer.name}_W`);
    const y = ctx.w.node(
      'Conv',
      [inputOf(ctx, layer), k, ...biasInput(ctx, layer, 1)],
      layer.name,
      windowAttrs(layer, 'kernel_size'),
    );
    return withActivation(ctx, layer, y, 3);
  },
  DepthwiseConv2D: (ctx, layer) => {
    const channels = inShape(ctx, layer)[2];
    const k = kernelInput(ctx, layer.weights[0], depthwiseKernelToOnnx, 0, `${layer.name}_W`);
    const attrs = [...windowAttrs(layer, 'kernel_size'), intAttr('group', channels)];
    const y = ctx.w.node(
      'Conv',
      [inputOf(ctx, layer), k, ...biasInput(ctx, layer, 1)],
      layer.name,
      attrs,
    );
    return withActivation(ctx, layer, y, 3);
  },
  Conv2DTranspose: (ctx, layer) => {
    const k = kernelInput(ctx, layer.weights[0], convTransposeKernelToOnnx, 1, `${layer.name}_W`);
    const kernel = readPair(layer, 'kernel_size', [1, 1]);
    const strides = readPair(layer, 'strides', [1, 1]);
    const [ph, pw] = [0, 1].map((a) => transposePads(kernel[a], strides[a], readPadding(layer)));
    const attrs = [
      intsAttr('kernel_shape', kernel),
      intsAttr('strides', strides),
      intsAttr('pads', [ph.before, pw.before, ph.after, pw.after]),
      intsAttr('output_padding', [ph.outputPadding, pw.outputPadding]),
    ];
    const y = ctx.w.node(
      'ConvTranspose',
      [inputOf(ctx, layer), k, ...biasInput(ctx, layer, 1)],
      layer.name,
      attrs,
    );
    return withActivation(ctx, layer, y, 3);
  },
  Dense: (ctx, layer) => {
    const from = ctx.spec.layers.find((l) => l.name === layer.inbound[0]);
    const flattens =
      from?.className === KERAS_CLASS.Flatten || from?.className === KERAS_CLASS.Reshape;
    const flat = from && flattens ? inShape(ctx, from) : undefined;
    const chw = flat?.length === 3 ? [flat[2], flat[0], flat[1]] : undefined;
    const toOnnx = (w: WeightTensor): WeightTensor => (chw ? permuteFlattenRows(w, chw, false) : w);
    const k = kernelInput(ctx, layer.weights[0], toOnnx, 1, `${layer.name}_W`);
    const y = ctx.w.node('Gemm', [inputOf(ctx, layer), k, ...biasInput(ctx, layer, 1)], layer.name);
    return withActivation(ctx, layer, y, 1);
  },
  BatchNormalization: (ctx, layer) => {
    const c = inShape(ctx, layer).at(-1) as number;
    const vectors = batchNormVectors(ctx.spec, layer, c);
    const names = ['scale', 'B', 'mean', 'var'].map((n, i) =>
      ctx.w.floats(`${layer.name}_${n}`, [c], vectors[i]),
    );
    return ctx.w.node('BatchNormalization', [inputOf(ctx, layer), ...names], layer.name, [
      floatAttr('epsilon', readNumber(layer, 'epsilon', 1e-3)),
    ]);
  },
  Activation: (ctx, layer) =>
    withActivation(ctx, layer, inputOf(ctx, layer), inShape(ctx, layer).length),
  ReLU: (ctx, layer) => {
    const max = layer.config.max_value;
    const act =
      max === 6
        ? 'relu6'
        : max === undefined || max === null
          ? 'relu'
          : `relu(max_value=${String(max)})`;
    return activationNode(ctx, act, inputOf(ctx, layer), layer.name, 0, layer);
  },
  LeakyReLU: (ctx, layer) =>
    ctx.w.node('LeakyRelu', [inputOf(ctx, layer)], layer.name, [
      floatAttr('alpha', readNumber(layer, 'alpha', readNumber(layer, 'negative_slope', 0.3))),
    ]),
  Dropout: (ctx, layer) => inputOf(ctx, layer),
  MaxPooling2D: (ctx, layer) =>
    ctx.w.node('MaxPool', [inputOf(ctx, layer)], layer.name, windowAttrs(layer, 'pool_size')),
  AveragePooling2D: (ctx, layer) =>
    ctx.w.node('AveragePool', [inputOf(ctx, layer)], layer.name, windowAttrs(layer, 'pool_size')),
  GlobalAveragePooling2D: (ctx, layer) => {
    const g = ctx.w.node('GlobalAveragePool', [inputOf(ctx, layer)], `${layer.name}_4d`);
    return ctx.w.node('Flatten', [g], layer.name, [intAttr('axis', 1)]);
  },
  GlobalMaxPooling2D: (ctx, layer) => {
    const g = ctx.w.node('GlobalMaxPool', [inputOf(ctx, layer)], `${layer.name}_4d`);
    return ctx.w.node('Flatten', [g], layer.name, [intAttr('axis', 1)]);
  },
  Reshape: (ctx, layer) => {
    if ((ctx.shapes.get(layer.name) as number[]).length !== 1)
      throw new LabError(
        'UNSUPPORTED',
        `Layer "${layer.name}" (Reshape) keeps a spatial shape; the ONNX export writes a Reshape to one dimension only.`,
      );
    return ctx.w.node('Flatten', [inputOf(ctx, layer)], layer.name, [intAttr('axis', 1)]);
  },
  SeparableConv2D: (ctx, layer) => {
    const channels = inShape(ctx, layer)[2];
    const dw = kernelInput(ctx, layer.weights[0], depthwiseKernelToOnnx, 0, `${layer.name}_dw_W`);
    const attrs = [...windowAttrs(layer, 'kernel_size'), intAttr('group', channels)];
    const d = ctx.w.node('Conv', [inputOf(ctx, layer), dw], `${layer.name}_dw`, attrs);
    const pw = kernelInput(ctx, layer.weights[1], convKernelToOnnx, 0, `${layer.name}_pw_W`);
    const y = ctx.w.node('Conv', [d, pw, ...biasInput(ctx, layer, 2)], layer.name, [
      intsAttr('kernel_shape', [1, 1]),
    ]);
    return withActivation(ctx, layer, y, 3);
  },
  UpSampling2D: (ctx, layer) => {
    const interpolation =
      typeof layer.config.interpolation === 'string' ? layer.config.interpolation : 'nearest';
    if (interpolation !== 'nearest')
      throw new LabError(
        'UNSUPPORTED',
        `Layer "${layer.name}" (UpSampling2D) uses ${interpolation} interpolation; the ONNX export writes nearest only.`,
      );
    const [sh, sw] = readPair(layer, 'size', [2, 2]);
    const scales = ctx.w.floats(`${layer.name}_scales`, [4], Float32Array.of(1, 1, sh, sw));
    return ctx.w.node('Resize', [inputOf(ctx, layer), '', scales], layer.name, [
      stringAttr('mode', 'nearest'),
      stringAttr('coordinate_transformation_mode', 'asymmetric'),
      stringAttr('nearest_mode', 'floor'),
    ]);
  },
  Flatten: (ctx, layer) =>
    ctx.w.node('Flatten', [inputOf(ctx, layer)], layer.name, [intAttr('axis', 1)]),
  ZeroPadding2D: (ctx, layer) => {
    const [[t, b], [l, r]] = zeroPads(layer);
    const pads = ctx.w.int64s(`${layer.name}_pads`, [8], [0, 0, t, l, 0, 0, b, r]);
    return ctx.w.node('Pad', [inputOf(ctx, layer), pads], layer.name, [
      stringAttr('mode', 'constant'),
    ]);
  },
  Add: (ctx, layer) => {
    let sum = inputOf(ctx, layer, 0);
    for (let i = 1; i < layer.inbound.length; i++)
      sum = ctx.w.node(
        'Add',
        [sum, inputOf(ctx, layer, i)],
        i === layer.inbound.length - 1 ? layer.name : `${layer.name}_${i}`,
      );
    return sum;
  },
  Concatenate: (ctx, layer) => {
    const rank = inShape(ctx, layer).length;
    const axis = readNumber(layer, 'axis', -1);
    if (axis !== -1 && axis !== rank)
      throw new LabError(
        'UNSUPPORTED',
        `Layer "${layer.name}" (Concatenate) joins on axis ${axis}; the ONNX export writes channel concatenation only.`,
      );
    return ctx.w.node(
      'Concat',
      layer.inbound.map((_, i) => inputOf(ctx, layer, i)),
      layer.name,
      [intAttr('axis', 1)],
    );
  },
};

function batchNormVectors(spec: ModelSpec, layer: LayerSpec, c: number): Float32Array[] {
  const byName = (suffix: string): Float32Array | undefined => {
    const n = layer.weights.find((w) => w.endsWith(`/${suffix}`));
    return n ? spec.weights[n].data : undefined;
  };
  return [
    byName('gamma') ?? new Float32Array(c).fill(1),
    byName('beta') ?? new Float32Array(c),
    byName('moving_mean') ?? new Float32Array(c),
    byName('moving_variance') ?? new Float32Array(c).fill(1),
  ];
}

function writeLayer(ctx: Ctx, layer: LayerSpec): string {
  const writer = Object.hasOwn(WRITERS, layer.className) ? WRITERS[layer.className] : undefined;
  if (!writer)
    throw new LabError(
      'UNSUPPORTED',
      `Layer "${layer.name}" has class "${layer.className}", which the ONNX export does not write; supported: ${Object.keys(WRITERS).sort().join(', ')}.`,
    );
  return writer(ctx, layer);
}
