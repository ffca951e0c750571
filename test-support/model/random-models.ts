import * as tf from '@tensorflow/tfjs';
import { createRng, type Rng } from '../../src/core/random';

/**
 * Seeded random small models for property tests of the channel graph and surgery: Sequential
 * and functional, mixing every layer class the lab restructures (residual Add with identity and
 * projection shortcuts, Concatenate, depthwise/separable/transposed convolutions, padding,
 * upsampling, pooling, BN with non-trivial statistics, dropout, Flatten/GAP → Dense heads).
 * Weights are drawn from the same seed, so a seed names one model exactly.
 */
export type { Rng };

const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)];
const int = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));

type Sym = tf.SymbolicTensor;
const ACTIVATIONS = ['relu', 'linear', 'elu', 'tanh', 'relu6', 'sigmoid'] as const;

class Builder {
  constructor(readonly rng: Rng) {}

  shape(x: Sym): number[] {
    return x.shape.slice(1) as number[];
  }

  apply(layer: tf.layers.Layer, x: Sym | Sym[]): Sym {
    return layer.apply(x) as Sym;
  }

  /** conv → [BN] → [activation layer] → [dropout]. */
  convUnit(
    x: Sym,
    filters: number,
    kernel = pick(this.rng, [1, 3]),
    padding: 'same' | 'valid' = 'same',
  ): Sym {
    const r = this.rng;
    let y = this.apply(
      tf.layers.conv2d({
        filters,
        kernelSize: kernel,
        padding,
        useBias: r() < 0.7,
        activation: pick(r, ACTIVATIONS),
      }),
      x,
    );
    if (r() < 0.6) y = this.apply(tf.layers.batchNormalization(), y);
    if (r() < 0.4)
      y = this.apply(
        r() < 0.5 ? tf.layers.reLU() : tf.layers.activation({ activation: pick(r, ACTIVATIONS) }),
        y,
      );
    if (r() < 0.2) y = this.apply(tf.layers.dropout({ rate: 0.3 }), y);
    return y;
  }

  residual(x: Sym): Sym {
    const [, , c] = this.shape(x);
    const r = this.rng;
    if (r() < 0.5) {
      const y = this.apply(tf.layers.batchNormalization(), this.convUnit(x, c, 3));
      const sum = this.apply(tf.layers.add(), [y, x]);
      return r() < 0.5 ? this.apply(tf.layers.reLU(), sum) : sum;
    }
    const width = int(r, 3, 8);
    const main = this.convUnit(this.convUnit(x, width), width);
    const shortcut = this.apply(tf.layers.conv2d({ filters: width, kernelSize: 1 }), x);
    const sum = this.apply(tf.layers.add(), [main, shortcut]);
    return r() < 0.5
      ? this.apply(tf.layers.activation({ activation: pick(r, ACTIVATIONS) }), sum)
      : sum;
  }

  concat(x: Sym): Sym {
    const r = this.rng;
    const branches = [this.convUnit(x, int(r, 2, 6)), this.convUnit(x, int(r, 2, 6))];
    if (r() < 0.5)
      branches.push(
        r() < 0.5
          ? x
          : this.apply(tf.layers.maxPooling2d({ poolSize: 3, strides: 1, padding: 'same' }), x),
      );
    const y = this.apply(tf.layers.concatenate(), branches);
    return r() < 0.5 ? this.apply(tf.layers.batchNormalization(), y) : y;
  }

  depthwise(x: Sym): Sym {
    const r = this.rng;
    let y = this.apply(
      tf.layers.depthwiseConv2d({
        kernelSize: 3,
        padding: 'same',
        depthMultiplier: pick(r, [1, 1, 2]),
        useBias: r() < 0.5,
      }),
      x,
    );
    if (r() < 0.6) y = this.apply(tf.layers.batchNormalization(), y);
    return r() < 0.5 ? this.apply(tf.layers.reLU({ maxValue: 6 }), y) : y;
  }

  /** depth_multiplier stays 1: tfjs 4.22 leaves it out of SeparableConv2D's saved config, so m > 1 cannot round-trip. */
  separable(x: Sym): Sym {
    const r = this.rng;
    const y = this.apply(
      tf.layers.separableConv2d({
        filters: int(r, 3, 8),
        kernelSize: 3,
        padding: 'same',
        activation: pick(r, ACTIVATIONS),
      }),
      x,
    );
    return r() < 0.5 ? this.apply(tf.layers.batchNormalization(), y) : y;
  }

  resample(x: Sym): Sym {
    const r = this.rng;
    const [h, w] = this.shape(x);
    const small = Math.max(h, w) <= 8;
    const kind = pick(r, ['pool', 'up', 'deconv', 'pad', 'deconvSame'] as const);
    if (kind === 'pool' && Math.min(h, w) >= 4) {
      const pool =
        r() < 0.5
          ? tf.layers.maxPooling2d({ poolSize: 2 })
          : tf.layers.averagePooling2d({ poolSize: 2, padding: 'same' });
      return this.apply(pool, x);
    }
    if (kind === 'up' && small) return this.apply(tf.layers.upSampling2d({ size: [2, 2] }), x);
    if (kind === 'deconv' && small)
      return this.apply(
        tf.layers.conv2dTranspose({ filters: int(r, 2, 6), kernelSize: 2, strides: 2 }),
        x,
      );
    if (kind === 'pad') return this.apply(tf.layers.zeroPadding2d({ padding: 1 }), x);
    return this.apply(
      tf.layers.conv2dTranspose({
        filters: int(r, 2, 6),
        kernelSize: 3,
        padding: 'same',
        activation: pick(r, ACTIVATIONS),
      }),
      x,
    );
  }

  block(x: Sym): Sym {
    const r = this.rng;
    const kind = pick(r, [
      'conv',
      'residual',
      'concat',
      'depthwise',
      'separable',
      'resample',
      'resample',
    ] as const);
    if (kind === 'conv') return this.convUnit(x, int(r, 2, 8));
    if (kind === 'residual') return this.residual(x);
    if (kind === 'concat') return this.concat(x);
    if (kind === 'depthwise') return this.depthwise(x);
    if (kind === 'separable') return this.separable(x);
    return this.resample(x);
  }

  head(x: Sym, outputs: number): Sym {
    const r = this.rng;
    const kind = pick(r, ['flatten', 'gap', 'gmp', 'reshape', 'conv'] as const);
    if (kind === 'conv')
      return this.apply(tf.layers.conv2d({ filters: outputs, kernelSize: 1 }), x);
    const flat =
      kind === 'flatten'
        ? tf.layers.flatten()
        : kind === 'gap'
          ? tf.layers.globalAveragePooling2d({})
          : kind === 'gmp'
            ? tf.layers.globalMaxPooling2d({})
            : tf.layers.reshape({ targetShape: [this.shape(x).reduce((a, b) => a * b, 1)] });
    let y = this.apply(flat, x);
    if (r() < 0.7) {
      y = this.apply(tf.layers.dense({ units: int(r, 3, 8), activation: pick(r, ACTIVATIONS) }), y);
      if (r() < 0.3) y = this.apply(tf.layers.batchNormalization(), y);
      if (r() < 0.3) y = this.apply(tf.layers.dropout({ rate: 0.2 }), y);
    }
    return this.apply(
      tf.layers.dense({ units: outputs, activation: r() < 0.5 ? 'softmax' : 'linear' }),
      y,
    );
  }
}

export interface RandomModel {
  model: tf.LayersModel;
  inputShape: number[];
}

function randomFunctional(rng: Rng, seed: number): RandomModel {
  const inputShape = [int(rng, 5, 8), int(rng, 5, 8), int(rng, 1, 3)];
  const b = new Builder(rng);
  const input = tf.input({ shape: inputShape });
  let x = b.convUnit(input, int(rng, 3, 6));
  const blocks = int(rng, 2, 5);
  for (let i = 0; i < blocks; i++) x = b.block(x);
  const output = b.head(x, int(rng, 2, 4));
  return {
    model: tf.model({ inputs: input, outputs: output, name: `random_functional_${seed}` }),
    inputShape,
  };
}

function randomSequential(rng: Rng, seed: number): RandomModel {
  const inputShape = [int(rng, 6, 8), int(rng, 6, 8), int(rng, 1, 3)];
  const model = tf.sequential({ name: `random_sequential_${seed}` });
  model.add(
    tf.layers.conv2d({
      inputShape,
      filters: int(rng, 3, 8),
      kernelSize: 3,
      activation: pick(rng, ACTIVATIONS),
    }),
  );
  if (rng() < 0.6) model.add(tf.layers.batchNormalization());
  if (rng() < 0.5)
    model.add(
      tf.layers.depthwiseConv2d({
        kernelSize: 3,
        padding: 'same',
        depthMultiplier: pick(rng, [1, 2]),
      }),
    );
  if (rng() < 0.5) model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.separableConv2d({ filters: int(rng, 3, 8), kernelSize: 3, padding: 'same' }));
  if (rng() < 0.5) model.add(tf.layers.reLU());
  model.add(rng() < 0.5 ? tf.layers.flatten() : tf.layers.globalAveragePooling2d({}));
  model.add(tf.layers.dense({ units: int(rng, 3, 8), activation: 'relu' }));
  if (rng() < 0.5) model.add(tf.layers.dropout({ rate: 0.25 }));
  model.add(tf.layers.dense({ units: int(rng, 2, 4), activation: 'softmax' }));
  return { model, inputShape };
}

/** Overwrites all weights from the rng; BN gets gamma, beta, mean in ±0.5 around sensible values and variance in [0.5, 1.5]. */
export function randomizeWeights(model: tf.LayersModel, rng: Rng): void {
  for (const layer of model.layers) {
    const values = layer.weights.map((w) => {
      const shape = w.shape as number[];
      const n = shape.reduce((a, b) => a * b, 1);
      const positive = /moving_variance|gamma/.test(w.name);
      const data = Float32Array.from({ length: n }, () =>
        positive ? 0.5 + rng() : (rng() * 2 - 1) * 0.8,
      );
      return tf.tensor(data, shape);
    });
    if (values.length) layer.setWeights(values);
    tf.dispose(values);
  }
}

/** One random model per seed: about one in four is Sequential, the rest functional. */
export function randomModel(seed: number): RandomModel {
  const rng = createRng(seed);
  const built = rng() < 0.25 ? randomSequential(rng, seed) : randomFunctional(rng, seed);
  randomizeWeights(built.model, rng);
  return built;
}
