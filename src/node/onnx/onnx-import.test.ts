import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { importOnnx, SUPPORTED_ONNX_OPS } from '../../core/formats/onnx/onnx-import';
import { toErrorInfo } from '../../core/errors';
import { relativeError, runLab, runOnnxRuntime } from './onnx-runtime';

const DIR = 'test-data/onnx/';
const read = (name: string): Uint8Array => new Uint8Array(readFileSync(DIR + name));
interface Case {
  inputShape: number[];
  input: number[];
  output: number[];
}
const reference = JSON.parse(readFileSync(DIR + 'reference.json', 'utf8')) as Record<string, Case>;

describe('importOnnx on models written by torch.onnx.export', () => {
  it.each([
    ['mnist-cnn.onnx', 'mnistCnn'],
    ['ops-zoo.onnx', 'opsZoo'],
    ['pad.onnx', 'pad'],
  ])('%s: the channels-last twin agrees with onnxruntime within 1e-5', async (file, key) => {
    await tf.setBackend('cpu');
    const before = tf.memory().numTensors;
    const bytes = read(file);
    const spec = importOnnx(bytes, file);
    const c = reference[key];
    const input = Float32Array.from(c.input);
    const lab = await runLab(spec, input, c.inputShape);
    const ort = await runOnnxRuntime(bytes, input, c.inputShape);
    expect(lab.length).toBe(c.output.length);
    expect(relativeError(lab, ort)).toBeLessThan(1e-5);
    expect(relativeError(ort, c.output)).toBeLessThan(1e-5);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('maps the residual CNN to the lab classes, BatchNorm and Add included', () => {
    const spec = importOnnx(read('mnist-cnn.onnx'), 'mnist-cnn.onnx');
    expect(spec.layers.map((l) => l.className)).toEqual([
      'InputLayer',
      'Conv2D',
      'Activation',
      'Conv2D',
      'Activation',
      'Add',
      'BatchNormalization',
      'Activation',
      'MaxPooling2D',
      'Conv2D',
      'Activation',
      'MaxPooling2D',
      'Flatten',
      'Dense',
      'Activation',
      'Dense',
    ]);
    expect(spec.inputShapes).toEqual([[28, 28, 1]]);
    expect(spec.meta.sourceFormat).toBe('onnx');
  });
});

describe('importOnnx refusals', () => {
  it('names the first unsupported node and lists what is supported', () => {
    const lstm = read('lstm.onnx');
    expect(() => importOnnx(lstm, 'lstm.onnx')).toThrow(
      `"lstm.onnx": node 0 (LSTM) is not supported; supported ops: ${SUPPORTED_ONNX_OPS.join(', ')}.`,
    );
    expect(SUPPORTED_ONNX_OPS).toHaveLength(21);
  });

  it('refuses a truncated protobuf with one typed message', () => {
    const bytes = read('mnist-cnn.onnx');
    let info = { code: '', message: '' };
    try {
      importOnnx(bytes.subarray(0, Math.floor(bytes.length / 2)), 'cut.onnx');
    } catch (e) {
      info = toErrorInfo(e);
    }
    expect(info).toEqual({
      code: 'INVALID_MODEL',
      message: '"cut.onnx" is not a readable ONNX model: the protobuf is truncated or corrupt.',
    });
  });
});
