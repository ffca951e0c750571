import type { NodeProto } from 'onnx-buf';
import { LabError } from '../../errors';
import type { WeightTensor } from '../../model/spec';
import {
  convKernelToKeras,
  convTransposeKernelToKeras,
  depthwiseKernelToKeras,
  permuteFlattenRows,
  transpose2d,
} from './onnx-layout';
import { attrFloat, attrInt, attrInts } from './onnx-proto';
import type { ActValue, OnnxGraphBuilder, OpHandler } from './onnx-graph';

export type { OpHandler };
import { concat, constant, convertPool, convertGlobalPool, convertPad } from './onnx-ops-spatial';
import { readSpatial, transposePads } from './onnx-spatial';
import { KERAS_CLASS } from '../../layers/registry';

const tensor = (shape: number[], data: Float32Array): WeightTensor => ({ shape, data });

function act(layer: string, onnxShape: number[], extra: Partial<ActValue> = {}): ActValue {
  return { kind: 'act', layer, onnxShape, kerasRank: onnxShape.length, ...extra };
}

function alias(b: OnnxGraphBuilder, node: NodeProto, i: number): void {
  b.set(node.output[0], b.value(node, i, 0));
}

function activationLayer(activation: string): OpHandler {
  return (b, node, i) => {
    const x = b.activation(node, i, 0);
    const name = b.addLayer(node, i, KERAS_CLASS.Activation, { activation }, [x.layer]);
    b.set(node.output[0], { ...x, layer: name });
  };
}

const conv: OpHandler = (b, node, i) => {
  const x = b.activation(node, i, 0, 3);
  const w = b.constant(node, i, 1);
  const bias = b.optionalConst(node, i, 2);
  const [cIn, h, wd] = x.onnxShape;
  const [o, perGroup, kh, kw] = w.dims;
  const group = attrInt(node, 'group', 1);
  const sp = readSpatial(node, b.where(node, i), [h, wd], [kh, kw], true);
  let inbound = x.layer;
  if (sp.zeroPad) inbound = zeroPadLayer(b, node, i, inbound, sp.zeroPad);
  const common = {
    kernel_size: sp.kernel,
    strides: sp.strides,
    padding: sp.padding,
    data_format: 'channels_last',
    dilation_rate: sp.dilations,
    activation: 'linear',
    use_bias: bias !== undefined,
  };
  const biasW: [string, WeightTensor][] = bias ? [['bias', tensor([o], bias.values)]] : [];
  const wt = tensor(w.dims, w.values);
  let name: string;
  if (group === 1) {
    const kernel = convKernelToKeras(wt);
    name = b.addLayer(
      node,
      i,
      KERAS_CLASS.Conv2D,
      { filters: o, ...common },
      [inbound],
      [['kernel', kernel], ...biasW],
    );
  } else if (group === cIn && perGroup === 1 && o % cIn === 0) {
    const kernel = depthwiseKernelToKeras(wt, cIn);
    name = b.addLayer(
      node,
      i,
      KERAS_CLASS.DepthwiseConv2D,
      { depth_multiplier: o / cIn, ...common },
      [inbound],
      [['depthwise_kernel', kernel], ...biasW],
    );
  } else {
    throw new LabError(
      'UNSUPPORTED',
      `${b.where(node, i)} is a grouped convolution (group ${group} of ${cIn} channels); the lab reads group 1 and depthwise (group = channels).`,
    );
  }
  b.set(node.output[0], act(name, [o, ...sp.outHw]));
};

function zeroPadLayer(
  b: OnnxGraphBuilder,
  node: NodeProto,
  i: number,
  inbound: string,
  padding: [[number, number], [number, number]],
): string {
  const padNode = { ...node, name: `${node.name || node.opType}_pad` } as NodeProto;
  return b.addLayer(
    padNode,
    i,
    KERAS_CLASS.ZeroPadding2D,
    { padding, data_format: 'channels_last' },
    [inbound],
  );
}

const convTranspose: OpHandler = (b, node, i) => {
  const x = b.activation(node, i, 0, 3);
  const w = b.constant(node, i, 1);
  const bias = b.optionalConst(node, i, 2);
  const [, h, wd] = x.onnxShape;
  const [, o, kh, kw] = w.dims;
  const strides = attrInts(node, 'strides') ?? [1, 1];
  const padding = transposePadding(node, [kh, kw], strides);
  const plain =
    attrInt(node, 'group', 1) === 1 &&
    (attrInts(node, 'dilations') ?? [1]).every((d) => d === 1) &&
    (attrInts(node, 'output_shape') ?? []).length === 0 &&
    padding !== undefined;
  if (!plain)
    throw new LabError(
      'UNSUPPORTED',
      `${b.where(node, i)} uses groups, dilation, an output shape or pads TensorFlow cannot express; the lab reads a transposed convolution with 'valid' or 'same' padding.`,
    );
  const kernel = convTransposeKernelToKeras(tensor(w.dims, w.values));
  const weights: [string, WeightTensor][] = [['kernel', kernel]];
  if (bias) weights.push(['bias', tensor([o], bias.values)]);
  const config = {
    filters: o,
    kernel_size: [kh, kw],
    strides,
    padding,
    data_format: 'channels_last',
    dilation_rate: [1, 1],
    activation: 'linear',
    use_bias: bias !== undefined,
  };
  const name = b.addLayer(node, i, KERAS_CLASS.Conv2DTranspose, config, [x.layer], weights);
  const out = (size: number, k: number, s: number): number =>
    padding === 'same' ? size * s : (size - 1) * s + Math.max(k, s);
  b.set(node.output[0], act(name, [o, out(h, kh, strides[0]), out(wd, kw, strides[1])]));
};

/** The Keras padding whose ONNX pads and output_padding the node has, if any. */
function transposePadding(
  node: NodeProto,
  kernel: number[],
  strides: number[],
): 'same' | 'valid' | undefined {
  const pads = attrInts(node, 'pads') ?? [0, 0, 0, 0];
  const outputPadding = attrInts(node, 'output_padding') ?? [0, 0];
  return (['valid', 'same'] as const).find((p) =>
    [0, 1].every((a) => {
      const t = transposePads(kernel[a], strides[a], p);
      return (
        t.before === pads[a] && t.after === pads[a + 2] && t.outputPadding === outputPadding[a]
      );
    }),
  );
}

/** A Dense layer from a [K, M] kernel; rows permuted when the input was a flattened map. */
function dense(
  b: OnnxGraphBuilder,
  node: NodeProto,
  i: number,
  x: ActValue,
  kernel: WeightTensor,
  bias: Float32Array | undefined,
): void {
  if (kernel.shape[0] !== x.onnxShape[0])
    throw new LabError(
      'INVALID_MODEL',
      `${b.where(node, i)} multiplies ${x.onnxShape[0]} features by a [${kernel.shape.join(', ')}] matrix.`,
    );
  const k = x.flattenedFrom ? permuteFlattenRows(kernel, x.flattenedFrom, true) : kernel;
  const units = k.shape[1];
  const weights: [string, WeightTensor][] = [['kernel', k]];
  if (bias) weights.push(['bias', tensor([units], bias)]);
  const config = { units, activation: 'linear', use_bias: bias !== undefined };
  const name = b.addLayer(node, i, KERAS_CLASS.Dense, config, [x.layer], weights);
  b.set(node.output[0], act(name, [units]));
}

const gemm: OpHandler = (b, node, i) => {
  const x = b.activation(node, i, 0, 1);
  const w = b.constant(node, i, 1);
  const c = b.optionalConst(node, i, 2);
  if (attrInt(node, 'transA', 0) !== 0)
    throw new LabError('UNSUPPORTED', `${b.where(node, i)} transposes its input (transA = 1).`);
  const alpha = attrFloat(node, 'alpha', 1);
  const beta = attrFloat(node, 'beta', 1);
  let kernel = tensor(
    w.dims,
    w.values.map((v) => v * alpha),
  );
  if (attrInt(node, 'transB', 0) === 1) kernel = transpose2d(kernel);
  const units = kernel.shape[1];
  let bias: Float32Array | undefined;
  if (c) {
    const n = c.values.length;
    if (n !== 1 && n !== units)
      throw new LabError(
        'UNSUPPORTED',
        `${b.where(node, i)} adds a bias of shape [${c.dims.join(', ')}]; the lab reads one value per output.`,
      );
    bias = Float32Array.from({ length: units }, (_, j) => c.values[n === 1 ? 0 : j] * beta);
  }
  dense(b, node, i, x, kernel, bias);
};

const matMul: OpHandler = (b, node, i) => {
  const x = b.activation(node, i, 0, 1);
  const w = b.constant(node, i, 1);
  if (w.dims.length !== 2)
    throw new LabError(
      'UNSUPPORTED',
      `${b.where(node, i)} multiplies by a rank-${w.dims.length} constant; the lab reads a [K, M] matrix.`,
    );
  dense(b, node, i, x, tensor(w.dims, w.values), undefined);
};

/** Add of two computed tensors (a Keras Add), or a constant vector folded into a bias-less Dense. */
const add: OpHandler = (b, node, i) => {
  const [p, q] = [b.value(node, i, 0), b.value(node, i, 1)];
  if (p.kind === 'act' && q.kind === 'act') {
    if (p.onnxShape.join() !== q.onnxShape.join())
      throw new LabError(
        'UNSUPPORTED',
        `${b.where(node, i)} adds shapes [${p.onnxShape.join(', ')}] and [${q.onnxShape.join(', ')}]; the lab reads an Add of equal shapes (no broadcasting).`,
      );
    const name = b.addLayer(node, i, KERAS_CLASS.Add, {}, [p.layer, q.layer]);
    b.set(node.output[0], { ...p, layer: name });
    return;
  }
  const [x, c] = p.kind === 'act' ? [p, q] : [q, p];
  const xName = node.input[p.kind === 'act' ? 0 : 1];
  const single = b.readers.get(xName) === 1;
  if (x.kind !== 'act' || c.kind !== 'const' || !single || !foldBias(b, x, c.tensor.values))
    throw new LabError(
      'UNSUPPORTED',
      `${b.where(node, i)} adds a constant; the lab reads that only as the bias right after a MatMul.`,
    );
  b.set(node.output[0], x);
};

function foldBias(b: OnnxGraphBuilder, x: ActValue, values: Float32Array): boolean {
  const layer = b.layers.find((l) => l.name === x.layer);
  const units = x.onnxShape[0];
  if (!layer || layer.className !== KERAS_CLASS.Dense || layer.config.use_bias !== false)
    return false;
  if (x.onnxShape.length !== 1 || values.length !== units) return false;
  layer.config.use_bias = true;
  b.weights[`${layer.name}/bias`] = tensor([units], Float32Array.from(values));
  layer.weights.push(`${layer.name}/bias`);
  return true;
}

const batchNorm: OpHandler = (b, node, i) => {
  const x = b.activation(node, i, 0);
  const [gamma, beta, mean, variance] = [1, 2, 3, 4].map((s) => b.constant(node, i, s));
  const c = x.onnxShape[0];
  const vec = (t: { values: Float32Array }): WeightTensor => tensor([c], t.values);
  const config = {
    axis: -1,
    momentum: 0.99,
    epsilon: attrFloat(node, 'epsilon', 1e-5),
    center: true,
    scale: true,
  };
  const name = b.addLayer(
    node,
    i,
    KERAS_CLASS.BatchNormalization,
    config,
    [x.layer],
    [
      ['gamma', vec(gamma)],
      ['beta', vec(beta)],
      ['moving_mean', vec(mean)],
      ['moving_variance', vec(variance)],
    ],
  );
  b.set(node.output[0], { ...x, layer: name });
};

/** Clip(0, 6) is ReLU6 and Clip(0, ∞) is ReLU; other bounds are refused. */
const clip: OpHandler = (b, node, i) => {
  const lo = b.optionalConst(node, i, 1)?.values[0] ?? -Infinity;
  const hi = b.optionalConst(node, i, 2)?.values[0] ?? Infinity;
  const activation = lo === 0 && hi === 6 ? 'relu6' : lo === 0 && hi === Infinity ? 'relu' : '';
  if (!activation)
    throw new LabError(
      'UNSUPPORTED',
      `${b.where(node, i)} clips to [${lo}, ${hi}]; the lab reads Clip(0, 6) (ReLU6) and Clip(0, ∞) (ReLU).`,
    );
  activationLayer(activation)(b, node, i);
};

const leakyRelu: OpHandler = (b, node, i) => {
  const x = b.activation(node, i, 0);
  const alpha = attrFloat(node, 'alpha', 0.01);
  const name = b.addLayer(node, i, KERAS_CLASS.LeakyReLU, { alpha }, [x.layer]);
  b.set(node.output[0], { ...x, layer: name });
};

const softmax: OpHandler = (b, node, i) => {
  const x = b.value(node, i, 0);
  const rank = x.kind === 'act' ? x.onnxShape.length + 1 : 0;
  const axis = attrInt(node, 'axis', -1);
  const channelAxis = rank === 2 ? axis === 1 || axis === -1 : axis === 1;
  if (!channelAxis)
    throw new LabError(
      'UNSUPPORTED',
      `${b.where(node, i)} takes softmax over axis ${axis} of a rank-${rank} tensor; the lab reads softmax over channels.`,
    );
  activationLayer('softmax')(b, node, i);
};

/** Flatten (axis 1) and Reshape to [batch, -1]: channels-last Flatten, rows remembered. */
function flattenTo(b: OnnxGraphBuilder, node: NodeProto, i: number): void {
  const x = b.activation(node, i, 0);
  const size = x.onnxShape.reduce((a, d) => a * d, 1);
  if (x.kerasRank === 1) {
    b.set(node.output[0], { ...x, onnxShape: [size] });
    return;
  }
  const name = b.addLayer(node, i, KERAS_CLASS.Flatten, { data_format: 'channels_last' }, [
    x.layer,
  ]);
  const chw = x.onnxShape.length === 3 ? x.onnxShape : undefined;
  b.set(node.output[0], act(name, [size], { flattenedFrom: chw }));
}

const flatten: OpHandler = (b, node, i) => {
  if (attrInt(node, 'axis', 1) !== 1)
    throw new LabError(
      'UNSUPPORTED',
      `${b.where(node, i)} flattens from axis ${attrInt(node, 'axis', 1)}; the lab reads axis 1.`,
    );
  flattenTo(b, node, i);
};

const reshape: OpHandler = (b, node, i) => {
  const x = b.activation(node, i, 0);
  const target = Array.from(b.constant(node, i, 1).values);
  const size = x.onnxShape.reduce((a, d) => a * d, 1);
  const ok =
    target.length === 2 && [0, 1, -1].includes(target[0]) && [-1, size].includes(target[1]);
  if (!ok)
    throw new LabError(
      'UNSUPPORTED',
      `${b.where(node, i)} reshapes [${x.onnxShape.join(', ')}] to [${target.join(', ')}]; the lab reads a reshape to [batch, features] only.`,
    );
  flattenTo(b, node, i);
};

export const OP_HANDLERS: Readonly<Record<string, OpHandler>> = {
  Add: add,
  AveragePool: convertPool(KERAS_CLASS.AveragePooling2D),
  BatchNormalization: batchNorm,
  Clip: clip,
  Concat: concat,
  Constant: constant,
  Conv: conv,
  ConvTranspose: convTranspose,
  Dropout: alias,
  Flatten: flatten,
  Gemm: gemm,
  GlobalAveragePool: convertGlobalPool,
  Identity: alias,
  LeakyRelu: leakyRelu,
  MatMul: matMul,
  MaxPool: convertPool(KERAS_CLASS.MaxPooling2D),
  Pad: convertPad,
  Relu: activationLayer('relu'),
  Reshape: reshape,
  Sigmoid: activationLayer('sigmoid'),
  Softmax: softmax,
};
