// Per-kernel tf.profile of one training step on wasm: npx tsx bench/profile-step.ts [mnist-cnn|mnist-resnet|mnist-denoiser]
import { buildDemoArchitecture } from '../src/core/demos/architectures';
import { specFromLayersModel } from '../src/core/model/tf-bridge';
import { initNodeBackend, tf } from '../src/node/node-backend';
import { ModelExecutor } from '../src/core/exec/executor';
import { Trainer } from '../src/core/train/trainer';
await initNodeBackend('wasm');
const name = process.argv[2] ?? 'mnist-cnn';
const m = buildDemoArchitecture(name);
const spec = await specFromLayersModel(m, name);
const ex = new ModelExecutor(spec, { bnMode: 'batch' });
const tr = new Trainer(ex, {
  optimizer: 'adam',
  learningRate: 1e-3,
  loss: name === 'mnist-denoiser' ? 'mse' : 'cross-entropy',
});
const x = tf.randomUniform([64, 28, 28, 1]);
const y = name === 'mnist-denoiser' ? x : tf.oneHot(tf.zeros([64], 'int32'), 10).toFloat();
for (let i = 0; i < 2; i++) await tr.step({ x, y }, {});
const prof = await tf.profile(async () => {
  await tr.step({ x, y }, {});
});
const by = new Map<string, { ms: number; n: number }>();
for (const k of prof.kernels) {
  const e = by.get(k.name) ?? { ms: 0, n: 0 };
  e.ms += k.kernelTimeMs as number;
  e.n++;
  by.set(k.name, e);
}
const rows = [...by.entries()].sort((a, b) => b[1].ms - a[1].ms);
let total = 0;
for (const [, e] of rows) total += e.ms;
console.log(
  'kernels',
  prof.kernels.length,
  'total kernel ms',
  total.toFixed(1),
  'newTensors',
  prof.newTensors,
);
for (const [k, e] of rows.slice(0, 25))
  console.log(k.padEnd(36), e.ms.toFixed(1).padStart(8), String(e.n).padStart(4));
// per-kernel detail for top
for (const k of [...prof.kernels]
  .sort((a, b) => (b.kernelTimeMs as number) - (a.kernelTimeMs as number))
  .slice(0, 12))
  console.log(
    k.name,
    (k.kernelTimeMs as number).toFixed(1),
    JSON.stringify(k.inputShapes),
    JSON.stringify(k.outputShapes),
  );
const t0 = performance.now();
const c0 = process.cpuUsage();
for (let i = 0; i < 3; i++) await tr.step({ x, y }, {});
const c = process.cpuUsage(c0);
console.log(
  'wall/step',
  ((performance.now() - t0) / 3).toFixed(0),
  'cpu/step',
  ((c.user + c.system) / 3000).toFixed(0),
);
