#!/usr/bin/env -S npx tsx
/**
 * `npx tsx bench/gpu/gpu-bench.ts [--quick] [--wasm-only]` (or the bundled `node gpu-bench.mjs` that
 * bench/gpu/make-bundle.mjs builds for a GPU machine): every demo's training step on WebGPU
 * (Dawn through npm `webgpu`) against wasm in the same process, batches 16/32/64, and the
 * largest difference of the inference outputs (must be ≤ 1e-3). Exits 2 with the reason, and
 * prints that no GPU row exists, where Dawn offers no adapter.
 */
import * as tf from '@tensorflow/tfjs';
import os from 'node:os';
import { ModelExecutor } from '../../src/core/exec/executor';
import type { ModelSpec } from '../../src/core/model/spec';
import { Trainer, type LossKind } from '../../src/core/train/trainer';
import { initNodeBackend } from '../../src/node/node-backend';
import { nodeGpuAdapterOrReason } from '../../src/node/node-webgpu';
import { architectureSpec, DEMO_NAMES, lossOf } from '../demo-models';
import { timeRuns, type TimingPlan } from '../timing';

const OUTPUT_TOLERANCE = 1e-3;
const QUICK_PLAN: TimingPlan = { warmup: 1, reps: 3 };

interface BackendRun {
  trainMs: number;
  outputs: Float32Array;
}

function labels(batch: number, classes: number): tf.Tensor1D {
  return tf.tensor1d(
    Int32Array.from({ length: batch }, (_, i) => i % classes),
    'int32',
  );
}

function batchOf(spec: ModelSpec, batch: number, loss: LossKind, outShape: number[]) {
  const inShape = spec.inputShapes[0].map((d) => (d === null || d < 0 ? 1 : d));
  const x = tf.randomUniform([batch, ...inShape], 0, 1, 'float32', 5);
  const y =
    loss === 'cross-entropy'
      ? tf.tidy(() => tf.oneHot(labels(batch, outShape[0]), outShape[0]).toFloat())
      : tf.randomUniform([batch, ...outShape], 0, 1, 'float32', 6);
  return { x, y };
}

async function runOn(
  backend: 'wasm' | 'webgpu',
  spec: ModelSpec,
  loss: LossKind,
  batch: number,
  plan: TimingPlan,
): Promise<BackendRun> {
  await initNodeBackend(backend);
  const executor = new ModelExecutor(spec, { bnMode: 'batch' });
  const outShape = tf.tidy(() => {
    const one = tf.zeros([1, ...spec.inputShapes[0].map((d) => (d === null || d < 0 ? 1 : d))]);
    return executor.forward(one, { training: false }).shape.slice(1);
  });
  const { x, y } = batchOf(spec, batch, loss, outShape);
  const trainer = new Trainer(executor, { optimizer: 'adam', learningRate: 1e-3, loss });
  try {
    // Outputs before any update: both backends start from the same weights and inputs.
    const out = executor.forward(x, { training: false });
    const outputs = (await out.data()) as Float32Array;
    out.dispose();
    const timing = await timeRuns(plan, () => trainer.step({ x, y }, {}));
    return { trainMs: timing.medianMs, outputs };
  } finally {
    trainer.dispose();
    executor.dispose();
    tf.dispose([x, y]);
  }
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

/** Checks a bundle on a machine without a GPU: the wasm side alone, one row per demo. */
async function wasmOnly(): Promise<number> {
  for (const name of DEMO_NAMES) {
    const run = await runOn('wasm', await architectureSpec(name), lossOf(name), 16, QUICK_PLAN);
    console.log(`${name}: wasm step ${run.trainMs.toFixed(1)} ms at batch 16`);
  }
  return 0;
}

async function main(): Promise<number> {
  await initNodeBackend('wasm'); // the demo architectures are built as tfjs layers first
  const quick = process.argv.includes('--quick');
  if (process.argv.includes('--wasm-only')) return wasmOnly();
  const gpu = await nodeGpuAdapterOrReason();
  if (!gpu.adapter) {
    console.log(`No GPU row exists: ${gpu.reason} (tested up to the adapter request).`);
    return 2;
  }
  const plan: TimingPlan = quick ? QUICK_PLAN : { warmup: 3, reps: 10 };
  console.log(`adapter: ${gpu.reason}; load average ${os.loadavg()[0].toFixed(1)}`);
  console.log('| model | batch | wasm step ms | webgpu step ms | wasm/webgpu | max |Δ output| |');
  console.log('|---|---|---|---|---|---|');
  let failed = 0;
  for (const name of DEMO_NAMES) {
    const spec = await architectureSpec(name);
    for (const batch of quick ? [16] : [16, 32, 64]) {
      const wasm = await runOn('wasm', spec, lossOf(name), batch, plan);
      const webgpu = await runOn('webgpu', spec, lossOf(name), batch, plan);
      const diff = maxAbsDiff(wasm.outputs, webgpu.outputs);
      if (!(diff <= OUTPUT_TOLERANCE)) failed++;
      console.log(
        `| ${name} | ${batch} | ${wasm.trainMs.toFixed(1)} | ${webgpu.trainMs.toFixed(1)} | ` +
          `${(wasm.trainMs / webgpu.trainMs).toFixed(2)}× | ${diff.toExponential(1)} |`,
      );
    }
  }
  if (failed) console.log(`${failed} row(s) differ from wasm by more than ${OUTPUT_TOLERANCE}.`);
  return failed ? 1 : 0;
}

process.exitCode = await main();
