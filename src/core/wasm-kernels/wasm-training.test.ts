import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';

/**
 * End-to-end checks that the wasm backend (with the lab's gradient kernels, registered by
 * the test setup) can train every layer kind the lab meets, and gets the same gradients
 * as the cpu backend.
 */

function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function fixedTensor(seed: number, shape: number[]): tf.Tensor {
  const rng = seededRandom(seed);
  const size = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(
    Float32Array.from({ length: size }, () => rng() * 2 - 1),
    shape,
  );
}

function oneHotLabels(seed: number, count: number, classes: number): tf.Tensor2D {
  const rng = seededRandom(seed);
  const labels = Array.from({ length: count }, () => Math.floor(rng() * classes));
  return tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), classes).toFloat() as tf.Tensor2D);
}

type Sym = tf.SymbolicTensor;

/** One functional model holding every layer kind of the brief (BN in training mode). */
function buildEveryLayerModel(): tf.LayersModel {
  const L = tf.layers;
  const init = { kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) };
  const input = tf.input({ shape: [8, 8, 3] });
  let a = L.zeroPadding2d({ padding: 1 }).apply(input) as Sym;
  a = L.conv2d({ filters: 4, kernelSize: 3, useBias: false, ...init }).apply(a) as Sym;
  a = L.batchNormalization().apply(a) as Sym;
  a = L.reLU({ maxValue: 6 }).apply(a) as Sym;
  const dw = L.depthwiseConv2d({
    kernelSize: 3,
    padding: 'same',
    strides: 2,
    depthMultiplier: 2,
    activation: 'relu',
    depthwiseInitializer: tf.initializers.glorotUniform({ seed: 4 }),
  }).apply(a) as Sym;
  const sep = L.separableConv2d({
    filters: 4,
    kernelSize: 3,
    padding: 'same',
    activation: 'relu6',
    depthwiseInitializer: tf.initializers.glorotUniform({ seed: 5 }),
    pointwiseInitializer: tf.initializers.glorotUniform({ seed: 6 }),
  }).apply(dw) as Sym;
  const up = L.conv2dTranspose({
    filters: 4,
    kernelSize: 3,
    strides: 2,
    padding: 'same',
    ...init,
  }).apply(sep) as Sym;
  const sum = L.add().apply([a, up]) as Sym;
  const pooled = L.maxPooling2d({ poolSize: 2 }).apply(sum) as Sym;
  const avg = L.averagePooling2d({ poolSize: 2, padding: 'same' }).apply(pooled) as Sym;
  const upsampled = L.upSampling2d({ size: [2, 2] }).apply(avg) as Sym;
  const joined = L.concatenate().apply([pooled, upsampled]) as Sym;
  const gap = L.globalAveragePooling2d({}).apply(joined) as Sym;
  const flat = L.flatten().apply(joined) as Sym;
  const features = L.concatenate().apply([gap, flat]) as Sym;
  const logits = L.dense({ units: 5, ...init }).apply(features) as Sym;
  return tf.model({ inputs: input, outputs: logits });
}

function softmaxLoss(model: tf.LayersModel, x: tf.Tensor, y: tf.Tensor): tf.Scalar {
  return tf.losses.softmaxCrossEntropy(
    y,
    model.apply(x, { training: true }) as tf.Tensor,
  ) as tf.Scalar;
}

async function gradientsOn(
  backend: string,
  model: tf.LayersModel,
  x: tf.Tensor,
  y: tf.Tensor,
): Promise<Float32Array[]> {
  expect(await tf.setBackend(backend)).toBe(true);
  try {
    const { value, grads } = tf.variableGrads(() => softmaxLoss(model, x, y));
    const arrays = model.trainableWeights.map((w) =>
      Float32Array.from(grads[w.originalName].dataSync()),
    );
    tf.dispose([value, ...Object.values(grads)]);
    return arrays;
  } finally {
    await tf.setBackend('wasm');
  }
}

function relativeError(a: Float32Array, ref: Float32Array): number {
  let diff = 0;
  let scale = 1;
  for (let i = 0; i < ref.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - ref[i]));
    scale = Math.max(scale, Math.abs(ref[i]));
  }
  return diff / (1e-4 * scale);
}

describe('training on wasm', () => {
  it('gets the cpu gradients for every layer kind the lab uses, and Adam steps without leaks', async () => {
    expect(tf.getBackend()).toBe('wasm');
    const model = buildEveryLayerModel();
    // Batch 1: the cpu backend's ResizeNearestNeighborGrad (UpSampling2D) mixes up the
    // samples of a batch > 1 in tfjs 4.22, so it cannot be the reference there.
    const x = fixedTensor(1, [1, 8, 8, 3]);
    const y = oneHotLabels(2, 1, 5);
    const ref = await gradientsOn('cpu', model, x, y);
    const got = await gradientsOn('wasm', model, x, y);
    // conv 1 + BN 2 + depthwise 2 + separable 3 + transpose 2 + dense 2.
    expect(model.trainableWeights).toHaveLength(12);
    expect(got).toHaveLength(12);
    model.trainableWeights.forEach((w, i) => {
      expect(relativeError(got[i], ref[i]), w.name).toBeLessThanOrEqual(1);
    });
    const optimizer = tf.train.adam(0.01);
    const tensorsBefore = tf.memory().numTensors;
    for (let step = 0; step < 2; step++)
      optimizer.minimize(() => softmaxLoss(model, x, y), true)?.dispose();
    // Adam creates its two moment slots per weight on the first step, and nothing else.
    expect(tf.memory().numTensors - tensorsBefore).toBe(2 * model.trainableWeights.length);
    optimizer.dispose();
    tf.dispose([x, y]);
    model.dispose();
  });

  it('lowers the loss of a conv-relu-depthwise-relu-flatten-dense CNN in 10 Adam steps', () => {
    const L = tf.layers;
    const model = tf.sequential({
      layers: [
        L.conv2d({
          inputShape: [12, 12, 1],
          filters: 8,
          kernelSize: 3,
          padding: 'same',
          activation: 'relu',
          kernelInitializer: tf.initializers.glorotUniform({ seed: 7 }),
        }),
        L.depthwiseConv2d({
          kernelSize: 3,
          strides: 2,
          activation: 'relu',
          depthwiseInitializer: tf.initializers.glorotUniform({ seed: 8 }),
        }),
        L.conv2d({
          filters: 8,
          kernelSize: 3,
          strides: 2,
          padding: 'same',
          activation: 'relu',
          kernelInitializer: tf.initializers.glorotUniform({ seed: 9 }),
        }),
        L.flatten(),
        L.dense({ units: 10, kernelInitializer: tf.initializers.glorotUniform({ seed: 10 }) }),
      ],
    });
    const x = fixedTensor(21, [32, 12, 12, 1]);
    const y = oneHotLabels(22, 32, 10);
    const optimizer = tf.train.adam(0.01);
    const tensorsBefore = tf.memory().numTensors;
    const losses: number[] = [];
    for (let step = 0; step < 10; step++) {
      const loss = optimizer.minimize(() => softmaxLoss(model, x, y), true) as tf.Scalar;
      losses.push(loss.dataSync()[0]);
      loss.dispose();
    }
    console.info(`wasm CNN losses: ${losses.map((l) => l.toFixed(3)).join(' ')}`);
    expect(tf.memory().numTensors - tensorsBefore).toBe(2 * model.trainableWeights.length);
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(losses[9]).toBeLessThan(0.9 * losses[0]);
    optimizer.dispose();
    tf.dispose([x, y]);
    model.dispose();
  });
});
