/**
 * Small models and generated data for the pruning, rank-shift and compress tests (only
 * *.test.ts import this; not a shipped code path).
 */
import * as tf from '@tensorflow/tfjs';
import { conv } from '../layers';
import type { Batch, DataSource, Split } from '../../src/core/data/source';
import type { ModelSpec } from '../../src/core/model/spec';
import { specFromLayersModel } from '../../src/core/model/tf-bridge';
import { createRng } from '../../src/core/random';

/**
 * 4 classes of 8×8 grayscale images: class k lights up quadrant k (plus uniform noise), so a
 * small CNN learns it to ≈100% in a few dozen steps and pruning mistakes show up in accuracy.
 */
export function quadrantSource(trainCount = 512, testCount = 256, seed = 7): DataSource {
  const size = 8;
  const make = (count: number, salt: number) => {
    const rng = createRng(seed * 1000 + salt);
    const pixels = new Float32Array(count * size * size);
    const labels = new Int32Array(count);
    for (let n = 0; n < count; n++) {
      const k = Math.floor(rng() * 4);
      labels[n] = k;
      for (let y = 0; y < size; y++) {
        for (let x = 0; x < size; x++) {
          const inQuadrant = Math.floor(y / 4) * 2 + Math.floor(x / 4) === k;
          pixels[n * 64 + y * 8 + x] = (inQuadrant ? 0.25 : 0) + 0.75 * rng();
        }
      }
    }
    return { pixels, labels };
  };
  const splits: Record<Split, ReturnType<typeof make>> = {
    train: make(trainCount, 1),
    test: make(testCount, 2),
  };
  return {
    id: 'quadrants',
    task: 'classification',
    inputShape: [size, size, 1],
    numClasses: 4,
    size: (split) => (split === 'train' ? trainCount : testCount),
    batch(split: Split, indices: number[]): Batch {
      const { pixels, labels } = splits[split];
      const x = new Float32Array(indices.length * 64);
      indices.forEach((i, n) => x.set(pixels.subarray(i * 64, (i + 1) * 64), n * 64));
      return {
        x: tf.tensor4d(x, [indices.length, size, size, 1]),
        y: tf.tidy(() =>
          tf
            .oneHot(
              tf.tensor1d(
                indices.map((i) => labels[i]),
                'int32',
              ),
              4,
            )
            .toFloat(),
        ),
      };
    },
  };
}

/** conv 3×3 ×8 → relu → conv 3×3 ×8 → relu → maxpool → flatten → dense 4 (softmax). */
export async function smallCnnSpec(seed = 3): Promise<ModelSpec> {
  const init = (s: number) => tf.initializers.glorotUniform({ seed: seed * 10 + s });
  const model = tf.sequential({
    name: 'small_cnn',
    layers: [
      conv('conv1', 8, { inputShape: [8, 8, 1], activation: 'relu', kernelInitializer: init(1) }),
      conv('conv2', 8, { activation: 'relu', kernelInitializer: init(2) }),
      tf.layers.maxPooling2d({ name: 'pool', poolSize: 2 }),
      tf.layers.flatten({ name: 'flat' }),
      tf.layers.dense({ name: 'fc', units: 4, activation: 'softmax', kernelInitializer: init(3) }),
    ],
  });
  const spec = await specFromLayersModel(model, 'small_cnn');
  model.dispose();
  return spec;
}

/**
 * A network whose downstream ranking flips when the upstream unit is pruned (1×1 convs on a
 * positive input, so channel importances are linear in the weights):
 *   a = relu(x·[1, 2, 3, 4])          importance of a ∝ [1, 2, 3, 4] → 50% keeps {2, 3}
 *   b = relu(a·W), W columns [10,10,0,0] [0,0,1,1] [0,0,0,2] [0,0,2,0]
 *   dense: b ∝ [30, 7, 8, 6] → keeps {0, 2};  a pruned to {2, 3}: b ∝ [0, 7, 8, 6] → keeps {1, 2}.
 */
export async function rankFlipSpec(): Promise<ModelSpec> {
  const model = tf.sequential({
    name: 'rank_flip',
    layers: [
      conv('a', 4, { inputShape: [4, 4, 1], kernelSize: 1, padding: 'valid', activation: 'relu' }),
      tf.layers.conv2d({ name: 'b', filters: 4, kernelSize: 1, activation: 'relu' }),
      tf.layers.flatten({ name: 'flat' }),
      tf.layers.dense({ name: 'fc', units: 2, activation: 'softmax' }),
    ],
  });
  const w = tf.tidy(() => [
    tf.tensor4d([1, 2, 3, 4], [1, 1, 1, 4]),
    tf.zeros([4]),
    tf.tensor4d([10, 0, 0, 0, 10, 0, 0, 0, 0, 1, 0, 2, 0, 1, 2, 0], [1, 1, 4, 4]),
    tf.zeros([4]),
    tf.randomNormal([64, 2], 0, 0.01, 'float32', 5),
    tf.zeros([2]),
  ]);
  model.setWeights(w);
  tf.dispose(w);
  const spec = await specFromLayersModel(model, 'rank_flip');
  model.dispose();
  return spec;
}

/** Positive 4×4×1 inputs with two arbitrary classes (only the flow of activations matters). */
export function positiveSource(count = 64): DataSource {
  const rng = createRng(11);
  const pixels = Float32Array.from({ length: count * 16 }, () => 0.5 + rng());
  return {
    id: 'positive',
    task: 'classification',
    inputShape: [4, 4, 1],
    numClasses: 2,
    size: () => count,
    batch(_split: Split, indices: number[]): Batch {
      const x = new Float32Array(indices.length * 16);
      indices.forEach((i, n) => x.set(pixels.subarray(i * 16, (i + 1) * 16), n * 16));
      return {
        x: tf.tensor4d(x, [indices.length, 4, 4, 1]),
        y: tf.tidy(() =>
          tf
            .oneHot(
              tf.tensor1d(
                indices.map((i) => i % 2),
                'int32',
              ),
              2,
            )
            .toFloat(),
        ),
      };
    },
  };
}

/** a = conv3×3×4 (relu); b = conv3×3×4 (a); relu(a + b) → flatten → dense 4: a and b form one coupled group. */
export async function residualSpec(): Promise<ModelSpec> {
  const init = (s: number) => tf.initializers.glorotUniform({ seed: 40 + s });
  const input = tf.input({ shape: [8, 8, 1], name: 'input' });
  const a = tf.layers
    .conv2d({
      name: 'a',
      filters: 4,
      kernelSize: 3,
      padding: 'same',
      activation: 'relu',
      kernelInitializer: init(1),
    })
    .apply(input) as tf.SymbolicTensor;
  const b = tf.layers
    .conv2d({ name: 'b', filters: 4, kernelSize: 3, padding: 'same', kernelInitializer: init(2) })
    .apply(a) as tf.SymbolicTensor;
  const sum = tf.layers.add({ name: 'sum' }).apply([a, b]) as tf.SymbolicTensor;
  const act = tf.layers.reLU({ name: 'sum_relu' }).apply(sum) as tf.SymbolicTensor;
  const flat = tf.layers.flatten({ name: 'flat' }).apply(act) as tf.SymbolicTensor;
  const out = tf.layers
    .dense({ name: 'fc', units: 4, activation: 'softmax', kernelInitializer: init(3) })
    .apply(flat) as tf.SymbolicTensor;
  const model = tf.model({ name: 'residual', inputs: input, outputs: out });
  const spec = await specFromLayersModel(model, 'residual');
  model.dispose();
  return spec;
}
