import { describe, expect, it } from 'vitest';
import { toErrorInfo } from '../../errors';
import { importOnnx } from './onnx-import';
import { intAttr, intsAttr, OnnxWriter } from './onnx-writer';

/**
 * Each refusal of the importer on a small graph written with the lab's own ONNX writer:
 * one code and one exact message per case.
 */
type Build = (w: OnnxWriter) => void;

function model(build: Build, inputDims: (number | string)[] = ['batch', 4, 6, 6], opset?: number) {
  const w = new OnnxWriter();
  w.input('x', inputDims);
  build(w);
  w.output('y', ['batch']);
  return w.serialize('case', opset);
}

function refusal(bytes: Uint8Array): { code: string; message: string } {
  try {
    importOnnx(bytes, 'case.onnx');
  } catch (e) {
    return toErrorInfo(e);
  }
  return { code: 'NONE', message: '' };
}

const weights = (w: OnnxWriter, name: string, dims: number[]): string =>
  w.floats(name, dims, new Float32Array(dims.reduce((a, b) => a * b, 1)).fill(0.1));

const CASES: [string, Uint8Array, string, string][] = [
  [
    'opset outside 13–21',
    model((w) => w.node('Relu', ['x'], 'y'), undefined, 11),
    'UNSUPPORTED',
    '"case.onnx" uses ONNX opset 11; the lab reads opsets 13 to 21.',
  ],
  [
    'grouped convolution',
    model((w) => w.node('Conv', ['x', weights(w, 'w', [4, 2, 3, 3])], 'y', [intAttr('group', 2)])),
    'UNSUPPORTED',
    '"case.onnx": node 0 (Conv) is a grouped convolution (group 2 of 4 channels); the lab reads group 1 and depthwise (group = channels).',
  ],
  [
    'max pooling with pads TensorFlow cannot express',
    model((w) =>
      w.node('MaxPool', ['x'], 'y', [
        intsAttr('kernel_shape', [3, 3]),
        intsAttr('pads', [1, 1, 1, 1]),
        intsAttr('strides', [2, 2]),
      ]),
    ),
    'UNSUPPORTED',
    `"case.onnx": node 0 (MaxPool) has pads [1, 1, 1, 1], which TensorFlow.js pooling cannot express; supported: no padding or TensorFlow 'same' padding.`,
  ],
  [
    'Clip to another range',
    model((w) =>
      w.node(
        'Clip',
        ['x', w.floats('lo', [], Float32Array.of(-1)), w.floats('hi', [], Float32Array.of(1))],
        'y',
      ),
    ),
    'UNSUPPORTED',
    '"case.onnx": node 0 (Clip) clips to [-1, 1]; the lab reads Clip(0, 6) (ReLU6) and Clip(0, ∞) (ReLU).',
  ],
  [
    'broadcasting Add',
    model((w) => {
      w.node('GlobalAveragePool', ['x'], 'g');
      w.node('Add', ['x', 'g'], 'y');
    }),
    'UNSUPPORTED',
    '"case.onnx": node 1 (Add) adds shapes [4, 6, 6] and [4, 1, 1]; the lab reads an Add of equal shapes (no broadcasting).',
  ],
  [
    'concatenation on a spatial axis',
    model((w) => w.node('Concat', ['x', 'x'], 'y', [intAttr('axis', 2)])),
    'UNSUPPORTED',
    '"case.onnx": node 0 (Concat) concatenates on axis 2; the lab reads concatenation on the channel axis (1).',
  ],
  [
    'Reshape to a rank-4 shape',
    model((w) => w.node('Reshape', ['x', w.int64s('s', [4], [0, 2, 12, 6])], 'y')),
    'UNSUPPORTED',
    '"case.onnx": node 0 (Reshape) reshapes [4, 6, 6] to [0, 2, 12, 6]; the lab reads a reshape to [batch, features] only.',
  ],
  [
    'a free spatial dimension',
    model((w) => w.node('Relu', ['x'], 'y'), ['batch', 4, 'h', 6]),
    'UNSUPPORTED',
    '"case.onnx": input "x" has shape [?, 4, ?, 6]; the lab reads [batch, C, H, W] or [batch, features] with fixed sizes.',
  ],
  [
    'an input nothing makes',
    model((w) => w.node('Relu', ['nowhere'], 'y')),
    'INVALID_MODEL',
    '"case.onnx": node 0 (Relu) reads "nowhere", which no earlier node or initializer makes.',
  ],
  [
    'a random byte string',
    Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0x0f]),
    'INVALID_MODEL',
    '"case.onnx" is not a readable ONNX model: the protobuf is truncated or corrupt.',
  ],
];

describe('importOnnx refuses with one message per case', () => {
  it.each(CASES)('%s', (_title, bytes, code, message) => {
    expect(refusal(bytes)).toEqual({ code, message });
  });

  it('accepts the same writer output when the graph is supported', () => {
    const spec = importOnnx(
      model((w) => w.node('Relu', ['x'], 'y')),
      'ok.onnx',
    );
    expect(spec.layers.map((l) => l.className)).toEqual(['InputLayer', 'Activation']);
    expect(spec.inputShapes).toEqual([[6, 6, 4]]);
  });
});
