import * as tf from '@tensorflow/tfjs';
import { randomShiftBatch } from '../src/core/demos/augment';
import type { DemoInfo, DemoName } from '../src/core/demos/registry';
import {
  cleanPixels,
  MNIST_NOISE_SIGMA,
  MNIST_NUM_CLASSES,
  splitLabels,
  type MnistAsset,
} from '../src/core/data/mnist';
import { addClippedGaussianNoise } from '../src/core/data/seeded-noise';
import { createRng } from '../src/core/random';

/**
 * The demo training recipe: Adam with an exponentially decaying learning rate, seeded
 * shuffling, random ±2 px shifts; the denoiser sees fresh (seeded) noise every step.
 */
export interface TrainRecipe {
  epochs: number;
  batchSize: number;
  lrStart: number;
  lrEnd: number;
  maxShiftPx: number;
}

export const RECIPES: Record<DemoName, TrainRecipe> = {
  'mnist-cnn': { epochs: 14, batchSize: 64, lrStart: 3e-3, lrEnd: 1e-4, maxShiftPx: 2 },
  'mnist-resnet': { epochs: 8, batchSize: 64, lrStart: 3e-3, lrEnd: 3e-5, maxShiftPx: 2 },
  'mnist-denoiser': { epochs: 3, batchSize: 64, lrStart: 3e-3, lrEnd: 1e-4, maxShiftPx: 1 },
};

export interface TrainRun {
  steps: number;
  epochs: number;
  batch: number;
  trainMs: number;
  finalLoss: number;
}

export interface TrainSetup {
  demo: DemoInfo;
  recipe: TrainRecipe;
  seed: number;
  /** Stop after this many steps (quick checks); the schedule still spans the full run. */
  maxSteps?: number;
  log: (line: string) => void;
  /** Called after every epoch (e.g. to write a checkpoint); awaited. */
  onEpochEnd?: (run: TrainRun) => Promise<void>;
}

function setLearningRate(optimizer: tf.Optimizer, lr: number): void {
  // Adam reads `learningRate` on every applyGradients; it is only `protected` in the typings.
  (optimizer as unknown as { learningRate: number }).learningRate = lr;
}

function shuffledIndices(n: number, random: () => number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/** One training batch as [x, y] tensors (the caller disposes them). */
function makeBatch(
  asset: MnistAsset,
  demo: DemoInfo,
  indices: number[],
  recipe: TrainRecipe,
  random: () => number,
): [tf.Tensor, tf.Tensor] {
  const shape: [number, number, number, number] = [indices.length, asset.height, asset.width, 1];
  const clean = randomShiftBatch(
    cleanPixels(asset, 'train', indices),
    asset.height,
    asset.width,
    recipe.maxShiftPx,
    random,
  );
  if (demo.dataId === 'mnist-noisy') {
    const noisy = new Float32Array(clean.length);
    addClippedGaussianNoise(clean, MNIST_NOISE_SIGMA, random, noisy);
    return [tf.tensor4d(noisy, shape), tf.tensor4d(clean, shape)];
  }
  const labels = splitLabels(asset, 'train');
  const y = tf.tidy(() =>
    tf
      .oneHot(
        tf.tensor1d(
          Int32Array.from(indices, (i) => labels[i]),
          'int32',
        ),
        MNIST_NUM_CLASSES,
      )
      .toFloat(),
  );
  return [tf.tensor4d(clean, shape), y];
}

export async function trainDemoModel(
  model: tf.LayersModel,
  asset: MnistAsset,
  setup: TrainSetup,
): Promise<TrainRun> {
  const { demo, recipe, seed, log } = setup;
  const optimizer = tf.train.adam(recipe.lrStart);
  const loss = demo.task === 'classification' ? 'categoricalCrossentropy' : 'meanSquaredError';
  model.compile({ optimizer, loss });
  const random = createRng(seed);
  const stepsPerEpoch = Math.floor(asset.trainCount / recipe.batchSize);
  const totalSteps = stepsPerEpoch * recipe.epochs;
  const decayPerStep = Math.pow(recipe.lrEnd / recipe.lrStart, 1 / Math.max(1, totalSteps - 1));
  const started = performance.now();
  let step = 0;
  let finalLoss = NaN;
  let epochsDone = 0;
  let checkpointMs = 0; // time spent in onEpochEnd is not training time
  for (let epoch = 0; epoch < recipe.epochs && step < (setup.maxSteps ?? Infinity); epoch++) {
    const order = shuffledIndices(asset.trainCount, random);
    let lossSum = 0;
    let batches = 0;
    for (let b = 0; b < stepsPerEpoch && step < (setup.maxSteps ?? Infinity); b++, step++) {
      setLearningRate(optimizer, recipe.lrStart * Math.pow(decayPerStep, step));
      const [x, y] = makeBatch(
        asset,
        demo,
        order.slice(b * recipe.batchSize, (b + 1) * recipe.batchSize),
        recipe,
        random,
      );
      const value = (await model.trainOnBatch(x, y)) as number;
      tf.dispose([x, y]);
      lossSum += value;
      batches++;
    }
    finalLoss = lossSum / Math.max(1, batches);
    epochsDone = step / stepsPerEpoch;
    const elapsedS = ((performance.now() - started) / 1000).toFixed(0);
    log(
      `${demo.name} epoch ${epoch + 1}/${recipe.epochs} loss ${finalLoss.toFixed(4)} (${elapsedS} s)\n`,
    );
    const trainMs = Math.round(performance.now() - started - checkpointMs);
    const checkpointStart = performance.now();
    await setup.onEpochEnd?.({
      steps: step,
      epochs: epochsDone,
      batch: recipe.batchSize,
      trainMs,
      finalLoss,
    });
    checkpointMs += performance.now() - checkpointStart;
  }
  const trainMs = Math.round(performance.now() - started - checkpointMs);
  return { steps: step, epochs: epochsDone, batch: recipe.batchSize, trainMs, finalLoss };
}
