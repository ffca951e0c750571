#!/usr/bin/env -S npx tsx
/**
 * `npx tsx bench/step-flops.ts`: achieved GFLOP/s of a wasm training step at batch 16 and 32 per
 * demo, against the core's measured peak (a 2048² float32 matmul in PyTorch, one thread, the same
 * core), with the kernels dispatched per step (the per-op overhead the small batches pay).
 * A step's work is counted as 3 × the forward multiply-adds of its convolutions and Dense layers
 * (forward, input gradient, filter gradient), 2 FLOP each; BN, pooling and Adam are left out, so
 * the GFLOP/s is a lower bound. Prints a Markdown table with the load average.
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { buildDemoArchitecture } from '../src/core/demos/architectures';
import { ModelExecutor } from '../src/core/exec/executor';
import { specFromLayersModel } from '../src/core/model/tf-bridge';
import { Trainer } from '../src/core/train/trainer';
import { initNodeBackend, tf } from '../src/node/node-backend';
import type { DemoName } from '../src/core/demos/registry';
import { DEMO_NAMES, lossOf } from './demo-models';
import { timeRuns } from './timing';
import { TORCH_PYTHON } from './torch-runner';

type Shape = (number | null)[];

/** Forward multiply-adds per example of the layers that carry a step's arithmetic. */
function forwardMacs(model: tf.LayersModel): number {
  let macs = 0;
  for (const layer of model.layers) {
    const kind = layer.getClassName();
    if (!['Conv2D', 'DepthwiseConv2D', 'Conv2DTranspose', 'Dense'].includes(kind)) continue;
    const cfg = layer.getConfig() as { kernelSize?: number[] };
    const inShape = (layer.input as tf.SymbolicTensor).shape as Shape;
    const outShape = (layer.output as tf.SymbolicTensor).shape as Shape;
    const inC = Number(inShape[inShape.length - 1]);
    const outC = Number(outShape[outShape.length - 1]);
    const kernel = (cfg.kernelSize ?? [1, 1]).reduce((a, b) => a * b, 1);
    const outPixels = Number(outShape[1]) * Number(outShape[2]);
    if (kind === 'Conv2D') macs += outPixels * outC * kernel * inC;
    else if (kind === 'DepthwiseConv2D') macs += outPixels * outC * kernel;
    else if (kind === 'Conv2DTranspose')
      macs += Number(inShape[1]) * Number(inShape[2]) * inC * kernel * outC;
    else macs += inC * outC;
  }
  return macs;
}

function torchPeakGflops(threads: number): number | null {
  const code = [
    'import torch, time',
    `torch.set_num_threads(${threads})`,
    'a = torch.randn(2048, 2048); b = torch.randn(2048, 2048); a @ b',
    'ts = []',
    'for _ in range(5):',
    '    t = time.perf_counter(); a @ b; ts.append(time.perf_counter() - t)',
    'print(2 * 2048 ** 3 / min(ts) / 1e9)',
  ].join('\n');
  const r = spawnSync(TORCH_PYTHON, ['-c', code], { encoding: 'utf8' });
  return r.status === 0 ? Number(r.stdout.trim()) : null;
}

async function stepRow(name: DemoName, batch: number, peak: number | null): Promise<string> {
  const model = buildDemoArchitecture(name);
  const macs = forwardMacs(model);
  const spec = await specFromLayersModel(model, name);
  model.dispose();
  const executor = new ModelExecutor(spec, { bnMode: 'batch' });
  const trainer = new Trainer(executor, {
    optimizer: 'adam',
    learningRate: 1e-3,
    loss: lossOf(name),
  });
  const x = tf.randomUniform([batch, 28, 28, 1], 0, 1, 'float32', 3);
  const y = lossOf(name) === 'mse' ? x : tf.oneHot(tf.zeros([batch], 'int32'), 10).toFloat();
  try {
    const timing = await timeRuns({ warmup: 2, reps: 7 }, () => trainer.step({ x, y }, {}));
    const profile = await tf.profile(() => trainer.step({ x, y }, {}));
    const gflop = (6 * macs * batch) / 1e9;
    const gflops = gflop / (timing.medianMs / 1000);
    const fraction = peak ? `${((100 * gflops) / peak).toFixed(0)} %` : 'n/a';
    return `| ${name} | ${batch} | ${timing.medianMs.toFixed(1)} | ${profile.kernels.length} | ${gflop.toFixed(3)} | ${gflops.toFixed(2)} | ${fraction} |`;
  } finally {
    trainer.dispose();
    executor.dispose();
    tf.dispose([x, y]);
  }
}

await initNodeBackend('wasm');
const peak = torchPeakGflops(1);
console.log(
  `peak (PyTorch 2048² matmul, 1 thread, ${TORCH_PYTHON}): ${peak?.toFixed(1) ?? 'not measured'} GFLOP/s; load average ${os.loadavg()[0].toFixed(1)}`,
);
console.log('| model | batch | wasm step ms | kernels/step | GFLOP/step | GFLOP/s | of peak |');
console.log('|---|---|---|---|---|---|---|');
for (const name of DEMO_NAMES)
  for (const batch of [16, 32]) console.log(await stepRow(name, batch, peak));
console.log(`load average at the end ${os.loadavg()[0].toFixed(1)}`);
