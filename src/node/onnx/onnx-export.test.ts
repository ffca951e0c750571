import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { fromBinary } from '@bufbuild/protobuf';
import { ModelProtoSchema } from 'onnx-buf';
import { exportOnnx } from '../../core/formats/onnx/onnx-export';
import { importOnnx } from '../../core/formats/onnx/onnx-import';
import { quantizeModel } from '../../core/pipeline/quantize-model';
import { FLOAT_BITS, type QuantConfig } from '../../core/quant/quant-plan';
import { loadMnistSource } from '../mnist-node';
import { onnxAccuracy, relativeError, runLab, runOnnxRuntime } from './onnx-runtime';

const DIR = 'test-data/onnx/';
const read = (name: string): Uint8Array => new Uint8Array(readFileSync(DIR + name));
const reference = JSON.parse(readFileSync(DIR + 'reference.json', 'utf8')) as Record<
  string,
  { inputShape: number[]; input: number[] }
>;
const FLOAT: QuantConfig = {
  weightBits: FLOAT_BITS,
  activationBits: FLOAT_BITS,
  perChannel: true,
  pow2: false,
};

describe('exportOnnx float', () => {
  it.each([
    ['mnist-cnn.onnx', 'mnistCnn'],
    ['ops-zoo.onnx', 'opsZoo'],
    ['pad.onnx', 'pad'],
  ])('%s → lab → .onnx: onnxruntime matches the lab within 1e-4', async (file, key) => {
    await tf.setBackend('cpu');
    const spec = importOnnx(read(file), file);
    const bytes = exportOnnx(spec, FLOAT, { qdq: false });
    const c = reference[key];
    const input = Float32Array.from(c.input);
    const lab = await runLab(spec, input, c.inputShape);
    const ort = await runOnnxRuntime(bytes, input, c.inputShape);
    expect(ort.length).toBe(lab.length);
    expect(relativeError(ort, lab)).toBeLessThan(1e-4);
    // And the export reads back into the same model.
    const again = importOnnx(bytes, 'again.onnx');
    expect(again.layers.map((l) => l.className)).toEqual(spec.layers.map((l) => l.className));
  });
});

describe('exportOnnx QDQ', () => {
  it('int8 per-channel weights + per-tensor activations keep the lab accuracy within 0.5 point on 1,000 digits', async () => {
    const spec = importOnnx(read('mnist-cnn.onnx'), 'mnist-cnn.onnx');
    const source = loadMnistSource('mnist');
    const quant: QuantConfig = { weightBits: 8, activationBits: 8, perChannel: true, pow2: false };
    const result = await quantizeModel({ spec, quant, source, evalLimit: 1000 });
    const ranges = result.report.activationRanges;
    const bytes = exportOnnx(result.spec, result.quant, { qdq: true, activationRanges: ranges });
    const graph = fromBinary(ModelProtoSchema, bytes).graph!;
    const ops = graph.node.map((n) => n.opType);
    expect(ops.filter((o) => o === 'QuantizeLinear')).toHaveLength(Object.keys(ranges).length);
    expect(ops.filter((o) => o === 'DequantizeLinear')).toHaveLength(
      Object.keys(ranges).length + 5,
    );
    const lab = result.report.metrics.find((m) => m.stage === 'quantized')!;
    const onnx = await onnxAccuracy(bytes, source, 1000);
    expect(onnx.n).toBe(lab.n);
    expect(Math.abs(onnx.accuracy - lab.value) * 100).toBeLessThan(0.5);
    expect(bytes.length).toBeLessThan(read('mnist-cnn.onnx').length * 0.3);
  });
});
