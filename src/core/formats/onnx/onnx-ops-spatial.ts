import { LabError } from '../../errors';
import { attrInt, attrInts, attrTensor, constFromTensor } from './onnx-proto';
import type { OpHandler } from './onnx-graph';
import { readSpatial } from './onnx-spatial';
import { KERAS_CLASS } from '../../layers/registry';

/** Pooling, padding, concatenation and constants: MaxPool, AveragePool, GlobalAveragePool, Pad, Concat, Constant. */
export function convertPool(
  className: typeof KERAS_CLASS.MaxPooling2D | typeof KERAS_CLASS.AveragePooling2D,
): OpHandler {
  return (b, node, i) => {
    const x = b.activation(node, i, 0, 3);
    const [c, h, w] = x.onnxShape;
    const kernel = attrInts(node, 'kernel_shape') ?? [1, 1];
    const sp = readSpatial(node, b.where(node, i), [h, w], kernel, false);
    const dilated = sp.dilations.some((d) => d !== 1);
    const countsPad =
      className === KERAS_CLASS.AveragePooling2D &&
      sp.padding === 'same' &&
      attrInt(node, 'count_include_pad', 0) === 1;
    const ceilChanges =
      attrInt(node, 'ceil_mode', 0) === 1 &&
      [0, 1].some((a) => ([h, w][a] - kernel[a]) % sp.strides[a] !== 0);
    if (dilated || countsPad || ceilChanges)
      throw new LabError(
        'UNSUPPORTED',
        `${b.where(node, i)} uses dilation, ceil_mode or count_include_pad in a way TensorFlow.js pooling cannot reproduce.`,
      );
    const config = {
      pool_size: sp.kernel,
      strides: sp.strides,
      padding: sp.padding,
      data_format: 'channels_last',
    };
    const name = b.addLayer(node, i, className, config, [x.layer]);
    b.set(node.output[0], { kind: 'act', layer: name, onnxShape: [c, ...sp.outHw], kerasRank: 3 });
  };
}

/** GlobalAveragePool keeps [C, 1, 1] in ONNX; the Keras tensor is [C] (a Flatten after it is a no-op). */
export const convertGlobalPool: OpHandler = (b, node, i) => {
  const x = b.activation(node, i, 0, 3);
  const name = b.addLayer(
    node,
    i,
    KERAS_CLASS.GlobalAveragePooling2D,
    { data_format: 'channels_last' },
    [x.layer],
  );
  b.set(node.output[0], {
    kind: 'act',
    layer: name,
    onnxShape: [x.onnxShape[0], 1, 1],
    kerasRank: 1,
  });
};

/** Pad with zeros on H and W only → ZeroPadding2D. */
export const convertPad: OpHandler = (b, node, i) => {
  const x = b.activation(node, i, 0, 3);
  const pads = Array.from(b.constant(node, i, 1).values);
  const value = b.optionalConst(node, i, 2)?.values[0] ?? 0;
  const mode = node.attribute.find((a) => a.name === 'mode');
  const modeName = mode ? new TextDecoder().decode(mode.s) : 'constant';
  const axesGiven = (node.input[3] ?? '') !== '';
  const [n0, c0, t, l, n1, c1, bt, r] = pads;
  if (
    pads.length !== 8 ||
    modeName !== 'constant' ||
    value !== 0 ||
    axesGiven ||
    n0 ||
    c0 ||
    n1 ||
    c1 ||
    pads.some((p) => p < 0)
  )
    throw new LabError(
      'UNSUPPORTED',
      `${b.where(node, i)} pads [${pads.join(', ')}] in mode "${modeName}" with value ${value}; the lab reads zero padding of height and width.`,
    );
  const config = {
    padding: [
      [t, bt],
      [l, r],
    ],
    data_format: 'channels_last',
  };
  const name = b.addLayer(node, i, KERAS_CLASS.ZeroPadding2D, config, [x.layer]);
  const [c, h, w] = x.onnxShape;
  b.set(node.output[0], {
    kind: 'act',
    layer: name,
    onnxShape: [c, h + t + bt, w + l + r],
    kerasRank: 3,
  });
};

export const concat: OpHandler = (b, node, i) => {
  const xs = node.input.map((_, s) => b.activation(node, i, s));
  const rank = xs[0].onnxShape.length + 1;
  const axis = attrInt(node, 'axis', 1);
  const sameRest = xs.every((x) => x.onnxShape.slice(1).join() === xs[0].onnxShape.slice(1).join());
  if (!(axis === 1 || axis === 1 - rank) || !sameRest)
    throw new LabError(
      'UNSUPPORTED',
      `${b.where(node, i)} concatenates on axis ${axis}; the lab reads concatenation on the channel axis (1).`,
    );
  const channels = xs.reduce((a, x) => a + x.onnxShape[0], 0);
  const name = b.addLayer(
    node,
    i,
    KERAS_CLASS.Concatenate,
    { axis: -1 },
    xs.map((x) => x.layer),
  );
  b.set(node.output[0], {
    kind: 'act',
    layer: name,
    onnxShape: [channels, ...xs[0].onnxShape.slice(1)],
    kerasRank: xs[0].kerasRank,
  });
};

export const constant: OpHandler = (b, node, i) => {
  const t = attrTensor(node, 'value');
  if (!t)
    throw new LabError(
      'UNSUPPORTED',
      `${b.where(node, i)} has no tensor 'value'; the lab reads Constant nodes holding a tensor.`,
    );
  b.set(node.output[0], { kind: 'const', tensor: constFromTensor(t, b.fileName) });
};
