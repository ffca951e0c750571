import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { buildDemoArchitecture } from '../demos/architectures';
import { ModelExecutor } from '../exec/executor';
import { inferShapes } from '../graph/shape-inference';
import { countParams, type ModelSpec } from '../model/spec';
import { specFromLayersModel } from '../model/tf-bridge';
import { runQuantizeStage } from '../pipeline/quantize-stage';
import { Trainer } from '../train/trainer';
import { planMemory, type MemoryPhase } from './memory-plan';
import { profilePeakBytes } from './memory-profiler';
import { buildMobilenetShaped } from './mobilenet-shaped';
import { noiseSource } from './memory-test-source';

/**
 * The memory plan against the real peak: tfjs' tracked bytes at the worst kernel of a training
 * step (after a first step created Adam's moments), of an evaluation forward, and of QAT steps.
 * Within 25 % on the demos and on a MobileNetV2-shaped model (224×224×3, > 2 M parameters).
 */
async function specOf(model: tf.LayersModel, name: string): Promise<ModelSpec> {
  const spec = await specFromLayersModel(model, name);
  model.dispose();
  return spec;
}

function sourceFor(spec: ModelSpec) {
  const out = inferShapes(spec).get(spec.outputLayers[0])!;
  return out.length === 1
    ? noiseSource(spec.inputShapes[0], out[0])
    : noiseSource(spec.inputShapes[0], 0, 'image-to-image');
}

async function measuredTrainingPeak(spec: ModelSpec, batch: number): Promise<number> {
  const source = sourceFor(spec);
  const executor = new ModelExecutor(spec, { bnMode: 'batch' });
  const loss = source.task === 'classification' ? 'cross-entropy' : 'mse';
  const trainer = new Trainer(executor, { optimizer: 'adam', learningRate: 1e-3, loss });
  const b = source.batch(
    'train',
    Array.from({ length: batch }, (_, i) => i),
  );
  try {
    await trainer.step(b, {});
    // The batch itself is part of the step's memory (the plan counts the input layer's output).
    return (await profilePeakBytes(() => trainer.step(b, {}))).peakBytes;
  } finally {
    tf.dispose([b.x, b.y!]);
    trainer.dispose();
    executor.dispose();
  }
}

function planned(spec: ModelSpec, batch: number, phase: MemoryPhase, quantize = false): number {
  const plan = planMemory({ spec, batchSize: batch, budgetBytes: 2 ** 40, quantize });
  return plan.phases.find((p) => p.phase === phase)!.bytes;
}

function ratio(estimate: number, measured: number, label: string): number {
  console.log(
    `${label}: planned ${(estimate / 2 ** 20).toFixed(1)} MiB, measured ${(measured / 2 ** 20).toFixed(1)} MiB (${((estimate / measured - 1) * 100).toFixed(1)} %)`,
  );
  return estimate / measured;
}

describe('memory plan calibration (wasm)', () => {
  it('training step: mnist-cnn, mnist-resnet, mnist-denoiser at batch 16, within 25 %', async () => {
    for (const name of ['mnist-cnn', 'mnist-resnet', 'mnist-denoiser']) {
      const spec = await specOf(buildDemoArchitecture(name), name);
      const measured = await measuredTrainingPeak(spec, 16);
      const r = ratio(planned(spec, 16, 'prune'), measured, `${name} train b16`);
      expect(r).toBeGreaterThan(0.75);
      expect(r).toBeLessThan(1.25);
    }
  });

  it('training step: MobileNetV2-shaped 224×224×3 (2,270,794 parameters) at batch 1, within 25 %', async () => {
    const spec = await specOf(buildMobilenetShaped(), 'mobilenet-shaped');
    expect(countParams(spec)).toBe(2270794);
    // Evaluation: two forwards of ≈ 103 MiB of intermediates per example must stay under 128 MiB.
    expect(planMemory({ spec, batchSize: 1, budgetBytes: 2 ** 30 }).evalBatch).toBe(1);
    const before = tf.memory().numTensors;
    const measured = await measuredTrainingPeak(spec, 1);
    expect(tf.memory().numTensors).toBe(before);
    const r = ratio(planned(spec, 1, 'prune'), measured, 'mobilenet-shaped train b1');
    expect(r).toBeGreaterThan(0.75);
    expect(r).toBeLessThan(1.25);
  });

  it('training step: a held-out MobileNetV2-shaped variant (96×96, 4 block rows) at batch 4, within 25 %', async () => {
    // Not used to fit the factors: a check that the depthwise factor carries over.
    const spec = await specOf(buildMobilenetShaped({ inputSize: 96, blocks: 4 }), 'mobilenet-96');
    const measured = await measuredTrainingPeak(spec, 4);
    const r = ratio(planned(spec, 4, 'prune'), measured, 'mobilenet-96 train b4');
    expect(r).toBeGreaterThan(0.75);
    expect(r).toBeLessThan(1.25);
  });

  it('evaluation forward and QAT steps on mnist-cnn at batch 16, within 25 %', async () => {
    const spec = await specOf(buildDemoArchitecture('mnist-cnn'), 'mnist-cnn');
    const source = sourceFor(spec);
    const executor = new ModelExecutor(spec, { bnMode: 'batch' });
    const b = source.batch(
      'test',
      Array.from({ length: 16 }, (_, i) => i),
    );
    const evalPeak = await profilePeakBytes(() =>
      tf.tidy(() => executor.forward(b.x, { training: false })).dispose(),
    );
    tf.dispose([b.x, b.y!]);
    executor.dispose();
    // One forward of 16 on top of the weights: half of the plan's two-forward evaluation chunk.
    const weights = countParams(spec) * 4;
    const plan = planMemory({ spec, batchSize: 16, budgetBytes: 2 ** 40 });
    const perForward = (plan.phases.find((p) => p.phase === 'evaluate')!.bytes - 2 * weights) / 2;
    const evalRatio = ratio(
      weights + (perForward * 16) / plan.evalBatch,
      evalPeak.peakBytes,
      'mnist-cnn eval b16',
    );
    expect(evalRatio).toBeGreaterThan(0.75);
    expect(evalRatio).toBeLessThan(1.25);
    const qat = await profilePeakBytes((mark) =>
      runQuantizeStage({
        spec,
        source,
        quant: { weightBits: 8, activationBits: 8, perChannel: true, pow2: false },
        qatSteps: 3,
        weightDelaySteps: 0,
        activationDelaySteps: 0,
        batchSize: 16,
        evalLimit: 1,
        // Progress comes after a step: "qat1" covers steps 2 and 3, with quantizers on.
        onProgress: (e) => mark(`${e.phase}${e.step}`),
      }),
    );
    const qatRatio = ratio(planned(spec, 16, 'qat', true), qat.byPhase.qat1, 'mnist-cnn qat b16');
    expect(qatRatio).toBeGreaterThan(0.75);
    expect(qatRatio).toBeLessThan(1.25);
  });
});
