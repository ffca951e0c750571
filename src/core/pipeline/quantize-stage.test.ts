import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ModelExecutor } from '../exec/executor';
import type { ModelSpec } from '../model/spec';
import { quadrantSource, smallCnnSpec } from '../../../test-support/pipeline/pipeline-test-models';
import { activationQuantPoints, chainTransformOutput, QuantHooks } from './quant-hooks';
import { runQuantizeStage } from './quantize-stage';
import { trainDense } from '../../../test-support/fixtures/train-dense';

const source = quadrantSource(512, 256);

const stageDefaults = { learningRate: 0.001, batchSize: 32, seed: 2 };

describe('quant hooks', () => {
  it('quantizes measurement points and the inputs of later kernel layers, never the input', async () => {
    const spec = await smallCnnSpec();
    // conv1/conv2 carry their relu (measurement = producer); flat feeds the Dense; fc is the output unit.
    expect(activationQuantPoints(spec)).toEqual(['conv1', 'conv2', 'flat', 'fc']);
  });

  it('chains an existing transformOutput before the quantizer', async () => {
    const spec = await smallCnnSpec();
    const hooks = new QuantHooks(spec, {
      weightBits: 8,
      activationBits: 2,
      perChannel: true,
      pow2: false,
    });
    const seen: string[] = [];
    const base = (layer: string, x: tf.Tensor) => {
      seen.push(layer);
      return tf.mul(x, 0);
    };
    const exec = new ModelExecutor(spec);
    const x = tf.ones([2, 8, 8, 1]);
    const before = tf.memory().numTensors;
    exec.forward(x, { training: false, ...hooks.calibration({ transformOutput: base }) }).dispose();
    await hooks.flush(); // the observed [min, max] pairs are read back here, then freed
    expect(tf.memory().numTensors).toBe(before);
    // The base zeroed every output first, so the quantizers observed exactly 0.
    expect(hooks.ranges.conv1).toEqual({ lo: 0, hi: 0, count: 1 });
    expect(seen.slice(0, 3)).toEqual(['conv1', 'conv2', 'pool']);
    const only = chainTransformOutput(undefined, base);
    expect(only).toBe(base);
    x.dispose();
    exec.dispose();
  });
});

describe('runQuantizeStage', () => {
  let trained: ModelSpec;
  beforeAll(async () => {
    trained = await trainDense(await smallCnnSpec(), source, 80);
  });

  it('W8A8 QAT loses at most 0.5 point of accuracy and leaks nothing', async () => {
    const tensors = tf.memory().numTensors;
    const r = await runQuantizeStage({
      spec: trained,
      source,
      quant: { weightBits: 8, activationBits: 8, perChannel: true, pow2: false },
      qatSteps: 40,
      ...stageDefaults,
    });
    console.info(
      `W8A8 QAT: ${r.metrics.before.value} → ${r.metrics.quantized.value} (weight-only ${r.metrics.weightOnly.value})`,
    );
    expect(r.mode).toBe('qat');
    expect(r.steps).toEqual({
      qat: 40,
      weightDelay: 10,
      activationDelay: 2,
      calibrationBatches: 0,
    });
    expect(r.metrics.before.value).toBeGreaterThan(0.9);
    expect(r.metrics.quantized.value).toBeGreaterThanOrEqual(r.metrics.before.value - 0.005);
    expect(Object.keys(r.activationRanges)).toEqual(['conv1', 'conv2', 'flat', 'fc']);
    expect(r.activationRanges.conv1.count).toBe(40);
    expect(r.activationRanges.conv1.lo).toBe(0); // after relu
    expect(tf.memory().numTensors).toBe(tensors);
  });

  it('W4A4 QAT runs and reports; PTQ calibrates without training', async () => {
    const w4a4 = await runQuantizeStage({
      spec: trained,
      source,
      quant: { weightBits: 4, activationBits: 4, perChannel: true, pow2: true },
      qatSteps: 20,
      ...stageDefaults,
    });
    console.info(`W4A4 QAT: ${w4a4.metrics.before.value} → ${w4a4.metrics.quantized.value}`);
    expect(w4a4.metrics.quantized.n).toBe(256);
    expect(w4a4.metrics.quantized.value).toBeGreaterThan(0.25);
    const ptq = await runQuantizeStage({
      spec: trained,
      source,
      quant: { weightBits: 8, activationBits: 8, perChannel: true, pow2: false },
      qatSteps: 0,
      calibrationBatches: 3,
      ...stageDefaults,
    });
    expect(ptq.mode).toBe('ptq');
    expect(ptq.spec).toBe(trained);
    expect(ptq.activationRanges.fc.count).toBe(3);
    expect(ptq.metrics.quantized.value).toBeGreaterThanOrEqual(ptq.metrics.before.value - 0.02);
  });
});
