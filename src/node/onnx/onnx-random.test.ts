import * as tf from '@tensorflow/tfjs';
import { fromBinary } from '@bufbuild/protobuf';
import { ModelProtoSchema } from 'onnx-buf';
import { describe, expect, it } from 'vitest';
import { exportOnnx } from '../../core/formats/onnx/onnx-export';
import { importOnnx, SUPPORTED_ONNX_OPS } from '../../core/formats/onnx/onnx-import';
import { randomModel } from '../../../test-support/model/random-models';
import { specFromLayersModel } from '../../core/model/tf-bridge';
import { createRng } from '../../core/random';
import { FLOAT_BITS } from '../../core/quant/quant-plan';
import { relativeError, runLab, runOnnxRuntime } from './onnx-runtime';

const FLOAT = { weightBits: FLOAT_BITS, activationBits: FLOAT_BITS, perChannel: true, pow2: false };
const SEEDS = Array.from({ length: 12 }, (_, i) => i);

/** Seeded random lab models (every layer class the lab restructures) → float .onnx → onnxruntime. */
describe('exportOnnx on seeded random models', () => {
  it.each(SEEDS)(
    'seed %i: onnxruntime matches the lab within 1e-4, and the import reads it back',
    async (seed) => {
      await tf.setBackend('cpu');
      const { model, inputShape } = randomModel(seed);
      const spec = await specFromLayersModel(model);
      model.dispose();
      const bytes = exportOnnx(spec, FLOAT, { qdq: false });
      const [h, w, c] = inputShape;
      const nchw = [2, c, h, w];
      const rng = createRng(seed + 100);
      const input = Float32Array.from({ length: 2 * c * h * w }, () => rng() * 2 - 1);
      const lab = await runLab(spec, input, nchw);
      const ort = await runOnnxRuntime(bytes, input, nchw);
      expect(ort.length).toBe(lab.length);
      expect(relativeError(ort, lab)).toBeLessThan(1e-4);
      const ops = fromBinary(ModelProtoSchema, bytes).graph!.node.map((n) => n.opType);
      if (ops.every((op) => SUPPORTED_ONNX_OPS.includes(op))) {
        const again = await runLab(importOnnx(bytes, `seed-${seed}.onnx`), input, nchw);
        expect(relativeError(again, lab)).toBeLessThan(1e-5);
      }
    },
  );
});
