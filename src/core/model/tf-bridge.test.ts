import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import {
  filesOf,
  tinyKeras20Json,
  tinyWeightBytes,
} from '../../../test-support/model/fixture-models';
import { parseModelFiles } from './load-files';
import { buildLayersModel, specFromLayersModel } from './tf-bridge';

function sequentialCnn(): tf.Sequential {
  const model = tf.sequential({ name: 'seq_cnn' });
  model.add(
    tf.layers.conv2d({
      inputShape: [6, 6, 2],
      filters: 4,
      kernelSize: 3,
      padding: 'same',
      useBias: false,
    }),
  );
  model.add(tf.layers.batchNormalization());
  model.add(tf.layers.reLU({ maxValue: 6 }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 3, activation: 'softmax' }));
  return model;
}

function residualModel(): tf.LayersModel {
  const input = tf.input({ shape: [5, 5, 3], name: 'image' });
  const a = tf.layers
    .conv2d({ filters: 4, kernelSize: 1, name: 'branch_a' })
    .apply(input) as tf.SymbolicTensor;
  const b = tf.layers
    .conv2d({ filters: 4, kernelSize: 3, padding: 'same', name: 'branch_b' })
    .apply(input) as tf.SymbolicTensor;
  const sum = tf.layers.add({ name: 'sum' }).apply([a, b]) as tf.SymbolicTensor;
  const pooled = tf.layers.globalAveragePooling2d({ name: 'gap' }).apply(sum) as tf.SymbolicTensor;
  const out = tf.layers.dense({ units: 2, name: 'head' }).apply(pooled) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: out, name: 'residual' });
}

/** Gives BN non-trivial statistics so that a wrong weight order would show. */
function randomizeWeights(model: tf.LayersModel, seed: number): void {
  const values = model
    .getWeights()
    .map((w, i) => tf.randomUniform(w.shape, 0.5, 1.5, 'float32', seed + i));
  model.setWeights(values);
  tf.dispose(values);
}

async function maxPredictionGap(
  original: tf.LayersModel,
  rebuilt: tf.LayersModel,
  inputShape: number[],
): Promise<number> {
  const gap = tf.tidy(() => {
    const x = tf.randomNormal([2, ...inputShape], 0, 1, 'float32', 7);
    return tf.max(
      tf.abs(tf.sub(original.predict(x) as tf.Tensor, rebuilt.predict(x) as tf.Tensor)),
    );
  });
  const value = (await gap.data())[0];
  gap.dispose();
  return value;
}

describe('tf bridge', () => {
  it('round-trips a Sequential conv/bn/dense model through ModelSpec with the same predictions', async () => {
    const model = sequentialCnn();
    randomizeWeights(model, 1);
    const before = tf.memory().numTensors;
    const spec = await specFromLayersModel(model, 'renamed');
    expect(spec.name).toBe('renamed');
    expect(spec.layers.map((l) => l.className)).toEqual([
      'InputLayer',
      'Conv2D',
      'BatchNormalization',
      'ReLU',
      'Flatten',
      'Dense',
    ]);
    expect(spec.inputShapes).toEqual([[6, 6, 2]]);
    expect(spec.layers[1].inbound).toEqual([spec.layers[0].name]);
    expect(spec.layers[2].weights.map((w) => w.split('/').pop())).toEqual([
      'gamma',
      'beta',
      'moving_mean',
      'moving_variance',
    ]);
    expect(tf.memory().numTensors).toBe(before);
    const rebuilt = await buildLayersModel(spec);
    expect(await maxPredictionGap(model, rebuilt, [6, 6, 2])).toBeLessThanOrEqual(1e-5);
    rebuilt.dispose();
    model.dispose();
    expect(tf.memory().numTensors).toBe(before - 7);
  });

  it('round-trips a functional model with an Add', async () => {
    const model = residualModel();
    randomizeWeights(model, 11);
    const spec = await specFromLayersModel(model);
    expect(spec.name).toBe('residual');
    expect(spec.layers.find((l) => l.name === 'sum')!.inbound).toEqual(['branch_a', 'branch_b']);
    expect(spec.outputLayers).toEqual(['head']);
    const rebuilt = await buildLayersModel(spec);
    expect(await maxPredictionGap(model, rebuilt, [5, 5, 3])).toBeLessThanOrEqual(1e-5);
    const start = tf.memory().numTensors;
    rebuilt.dispose();
    model.dispose();
    expect(tf.memory().numTensors).toBe(start - 12);
  });

  it('builds a runnable tfjs model from a Keras 2.0 Sequential file', async () => {
    const spec = parseModelFiles(
      filesOf(tinyKeras20Json(), { 'group1-shard1of1': tinyWeightBytes() }),
    );
    const model = await buildLayersModel(spec);
    expect(model.layers.map((l) => l.name)).toEqual(['d1_input', 'd1', 'd2']);
    const y = tf.tidy(() => model.predict(tf.tensor2d([[1, 2, 3]])) as tf.Tensor);
    // d1: kernel rows (−.5,−.375), (−.25,−.125), (0,.125), bias (.25,.375) → h = (−.75, .125);
    // d2: kernel (.5, .625), bias .75 → −.375 + .078125 + .75 = .453125.
    expect(Array.from(await y.data())).toEqual([0.453125]);
    y.dispose();
    model.dispose();
  });
});
