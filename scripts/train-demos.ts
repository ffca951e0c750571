#!/usr/bin/env -S npx tsx
/**
 * Trains the built-in demo models and writes public/models/<name>/{model.json, weights.bin,
 * card.json}. Usage:
 *   npm run train:demos -- [--model mnist-cnn|mnist-resnet|mnist-denoiser|fashion-cnn|fashion-resnet] [--seed N]
 *     [--width 1|0.5|0.25 --out DIR] [--backend wasm|cpu] [--max-steps N] [--epochs N]
 *     [--workers N]   (data-parallel processes; default one per core, at most 2)
 *     [--final-only]  (write and score the model after the last epoch only)
 * With --width < 1 (narrow-from-scratch baselines) --out is required: those are not shipped.
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseBackendPreference } from '../src/core/backend';
import { evaluateOnSource } from '../src/core/data/evaluate';
import { MNIST_NOISE_SIGMA } from '../src/core/data/mnist';
import { architectureSummary, buildDemoArchitecture } from '../src/core/demos/architectures';
import type { ModelSpec } from '../src/core/model/spec';
import { buildLayersModel, specFromLayersModel } from '../src/core/model/tf-bridge';
import { DEMOS, findDemo, type DemoInfo } from '../src/core/demos/registry';
import { LabError, toErrorInfo } from '../src/core/errors';
import { loadMnistAsset, loadMnistSource } from '../src/node/mnist-node';
import { loadFullFashion } from './build-fashion-mnist.mjs';
import { initNodeBackend, type tf } from '../src/node/node-backend';
import { parseArgs } from '../cli/run-cli';
import { saveModelDir, writeCard } from './demo-files';
import { RECIPES, trainDemoModel, type TrainRecipe, type TrainRun } from './demo-training';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');

interface Options {
  demos: DemoInfo[];
  width: number;
  outDir: string | null;
  seed: number;
  maxSteps?: number;
  epochs?: number;
  backend: string;
  workers: number;
  /** --final-only: score and write only after the last epoch (saves the per-epoch test pass). */
  finalOnly: boolean;
}

function readOptions(argv: string[]): Options {
  const { options } = parseArgs(argv);
  const str = (k: string) => (typeof options[k] === 'string' ? (options[k] as string) : undefined);
  const model = str('model');
  const demo = model ? findDemo(model) : undefined;
  if (model && !demo)
    throw new LabError(
      'INVALID_ARGUMENT',
      `Unknown demo "${model}": choose one of ${DEMOS.map((d) => d.name).join(', ')}.`,
    );
  const width = Number(str('width') ?? 1);
  if (![1, 0.5, 0.25].includes(width))
    throw new LabError('INVALID_ARGUMENT', `--width ${str('width')} must be 1, 0.5 or 0.25.`);
  const outDir = str('out') ?? null;
  if (width !== 1 && !outDir)
    throw new LabError(
      'INVALID_ARGUMENT',
      '--width below 1 needs --out DIR (narrow baselines are not shipped).',
    );
  return {
    demos: demo ? [demo] : [...DEMOS],
    width,
    outDir,
    seed: Number(str('seed') ?? 1),
    maxSteps: str('max-steps') ? Number(str('max-steps')) : undefined,
    epochs: str('epochs') ? Number(str('epochs')) : undefined,
    backend: str('backend') ?? 'wasm',
    workers: readWorkers(str('workers')),
    finalOnly: options['final-only'] === true,
  };
}

/** Data-parallel processes: --workers N, default one per core (at most 2: the demo batch is 64). */
function readWorkers(value: string | undefined): number {
  const n = value === undefined ? Math.min(2, os.availableParallelism()) : Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 8)
    throw new LabError('INVALID_ARGUMENT', `--workers ${value} must be an integer from 1 to 8.`);
  return n;
}

function outputDir(demo: DemoInfo, opts: Options): string {
  if (!opts.outDir) return path.join(ROOT, 'public', 'models', demo.name);
  return opts.demos.length > 1 ? path.join(opts.outDir, demo.name) : opts.outDir;
}

/** Evaluates on the test split and writes model.json, weights.bin and card.json. */
async function writeOutputs(
  spec: ModelSpec,
  demo: DemoInfo,
  opts: Options,
  recipe: TrainRecipe,
  run: TrainRun,
  backend: string,
  trainImages: number,
): Promise<void> {
  const model = await buildLayersModel(spec);
  try {
    await scoreAndSave(model, demo, opts, recipe, run, backend, trainImages);
  } finally {
    model.dispose();
  }
}

async function scoreAndSave(
  model: tf.LayersModel,
  demo: DemoInfo,
  opts: Options,
  recipe: TrainRecipe,
  run: TrainRun,
  backend: string,
  trainImages: number,
): Promise<void> {
  const result = await evaluateOnSource(
    (x) => model.predict(x) as tf.Tensor,
    loadMnistSource(demo.dataId),
    'test',
  );
  const dir = outputDir(demo, opts);
  const sizes = await saveModelDir(model, dir);
  const card = {
    name: demo.name,
    task: demo.task,
    architecture: architectureSummary(model),
    params: model.countParams(),
    width: opts.width,
    metric: { name: result.metric, value: result.value, split: 'test', n: result.n },
    ...(result.noisyPsnr !== undefined
      ? { noisyPsnr: result.noisyPsnr, noiseSigma: MNIST_NOISE_SIGMA }
      : {}),
    seed: opts.seed,
    trainImages,
    steps: run.steps,
    epochs: run.epochs,
    plannedEpochs: recipe.epochs,
    batch: run.batch,
    optimizer: 'adam',
    learningRate: {
      peak: recipe.lrPeak,
      end: recipe.lrEnd,
      schedule: `one-cycle: linear warm-up from peak/10 over ${recipe.warmupFraction * 100}% of the planned steps, cosine decay to end`,
    },
    augmentation: describeAugment(recipe),
    labelSmoothing: recipe.labelSmoothing,
    weightAverage:
      recipe.averageDecay > 0
        ? `Polyak average of the trainable weights, decay min(${recipe.averageDecay}, (1+t)/(10+t))`
        : 'none (live weights)',
    batchNorm:
      opts.workers > 1
        ? `batch statistics of each ${recipe.batchSize / opts.workers}-image shard while training (data-parallel over ${opts.workers} processes), momentum 0.9`
        : 'batch statistics while training, momentum 0.9',
    trainedAt: new Date().toISOString(),
    backend,
    workers: opts.workers,
    trainMs: run.trainMs,
  };
  writeCard(dir, card);
  const noisy =
    result.noisyPsnr !== undefined ? ` (noisy input ${result.noisyPsnr.toFixed(2)} dB)` : '';
  process.stderr.write(
    `${demo.name}: ${result.metric} ${result.value.toFixed(4)}${noisy} n=${result.n}, params ${card.params}, ` +
      `weights ${sizes.weightsBytes} B, ${run.steps} steps in ${(run.trainMs / 1000).toFixed(0)} s → ${path.relative(ROOT, dir)}\n`,
  );
}

function describeAugment(recipe: TrainRecipe): string {
  const { maxRotationDeg, maxScale, maxShiftPx } = recipe.augment;
  const flip = recipe.flip ? ', left–right flip of half the images' : '';
  return `random rotation ±${maxRotationDeg}°, zoom ±${maxScale * 100}%, shift ±${maxShiftPx} px (bilinear)${flip}`;
}

async function trainOne(demo: DemoInfo, opts: Options, backend: string): Promise<void> {
  // The Fashion demos fit all 60,000 training images of Debian's dataset-fashion-mnist; the lab
  // ships (and fine-tunes on) a 10,000-image subset. Both score on the same 10,000 test images.
  const asset = demo.dataId === 'fashion-mnist' ? loadFullFashion() : loadMnistAsset();
  const recipe = { ...RECIPES[demo.name], ...(opts.epochs ? { epochs: opts.epochs } : {}) };
  const model = buildDemoArchitecture(demo.name, { width: opts.width, seed: opts.seed });
  const spec = await specFromLayersModel(model, demo.name);
  model.dispose();
  const log = (line: string) => process.stderr.write(line);
  // A checkpoint after every epoch: a long run that is stopped still leaves a scored model.
  const onEpochEnd = async (run: TrainRun, trained: ModelSpec) => {
    if (!opts.finalOnly || run.epochs >= recipe.epochs)
      await writeOutputs(trained, demo, opts, recipe, run, backend, asset.trainCount);
  };
  await trainDemoModel(spec, asset, {
    demo,
    recipe,
    seed: opts.seed,
    maxSteps: opts.maxSteps,
    workers: opts.workers,
    backend,
    log,
    onEpochEnd,
  });
}

async function main(): Promise<number> {
  try {
    const opts = readOptions(process.argv.slice(2));
    const report = await initNodeBackend(parseBackendPreference(opts.backend));
    for (const demo of opts.demos) await trainOne(demo, opts, report.backend);
    return 0;
  } catch (e) {
    const info = toErrorInfo(e);
    process.stderr.write(`error [${info.code}]: ${info.message}\n`);
    return 1;
  }
}

process.exitCode = await main();
