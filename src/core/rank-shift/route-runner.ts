import { KERAS_CLASS } from '../layers/registry';
import * as tf from '@tensorflow/tfjs';
import { LabError } from '../errors';
import { applyActivation } from '../exec/activations';
import type { LayerOpContext } from '../exec/layer-op-types';
import { layerForward } from '../exec/layer-ops';
import { mapWeightRoles } from '../exec/weight-roles';
import { configValue, readActivationName, readBool, readNumber } from '../model/layer-config';
import type { LayerSpec, ModelSpec } from '../model/spec';
import type { ActivationImportanceKind } from '../prune/importance';
import type { RankShiftBnMode } from './bn-mode';
import { channelStatistic } from './channel-statistic';

/**
 * Runs L's producer on a subset of its input channels and L's followers, outside the executor
 * (which runs whole models): the building blocks of the incremental sweep. With 'batch' BN the
 * followers run in training mode (batch statistics; the spec's dropout rates are 0 by then).
 */
export interface ProducerRoute {
  producer: LayerSpec;
  /** L's followers in order; the last one is L's measurement layer. */
  followers: LayerSpec[];
}

/** A forward context for one layer outside the executor, weights looked up by role. */
function opContext(
  layer: LayerSpec,
  input: tf.Tensor,
  weightOf: (role: string) => tf.Tensor | undefined,
  bnMode: RankShiftBnMode = 'frozen',
): LayerOpContext {
  return {
    layer,
    inputs: [input],
    training: bnMode === 'batch',
    bnMode,
    optionalWeight: weightOf,
    weight: (role) => {
      const w = weightOf(role);
      if (!w)
        throw new LabError(
          'WEIGHTS_MISSING',
          `Layer "${layer.name}" (${layer.className}) has no "${role}" weight.`,
        );
      return w;
    },
    // Batch BN offers its moving-average update here: a sweep keeps no state, so it is dropped.
    assignState: () => undefined,
    nextSeed: () => 0,
  };
}

/**
 * A frozen BatchNormalization on the last axis as x·scale + shift — the same affine map the
 * executor's frozen BN applies — or null when the layer is not one.
 */
function batchNormAffine(
  layer: LayerSpec | undefined,
  weightOf: (role: string) => tf.Tensor | undefined,
  rank: number,
): { scale: tf.Tensor; shift: tf.Tensor } | null {
  if (layer?.className !== KERAS_CLASS.BatchNormalization) return null;
  const raw = configValue(layer, 'axis');
  const axis = Array.isArray(raw) && raw.length === 1 ? raw[0] : (raw ?? -1);
  const mean = weightOf('moving_mean');
  const variance = weightOf('moving_variance');
  if ((axis !== -1 && axis !== rank - 1) || !mean || !variance) return null;
  const gamma = weightOf('gamma');
  const beta = weightOf('beta');
  const invStd = tf.rsqrt(tf.add(variance, readNumber(layer, 'epsilon', 1e-3)));
  const scale = gamma ? tf.mul(gamma, invStd) : invStd;
  const shift = tf.neg(tf.mul(mean, scale));
  return { scale, shift: beta ? tf.add(shift, beta) : shift };
}

/**
 * x's last-axis `channels`, as a product with a 0/1 selection matrix: exact (x·1 + 0·rest) and,
 * on wasm, several times faster than tf.gather or tf.slice on the last axis.
 */
function selectChannels(x: tf.Tensor, channels: readonly number[]): tf.Tensor {
  const width = x.shape[x.rank - 1];
  const selection = new Float32Array(width * channels.length);
  channels.forEach((c, j) => (selection[c * channels.length + j] = 1));
  const rows = tf.reshape(x, [-1, width]) as tf.Tensor2D;
  const picked = tf.matMul(rows, tf.tensor2d(selection, [width, channels.length]));
  return tf.reshape(picked, [...x.shape.slice(0, -1), channels.length]);
}

/** The weights of the route's layers as tensors, by layer and role (one upload each). */
class RouteWeights {
  private readonly tensors = new Map<string, tf.Tensor>();

  constructor(
    private readonly spec: ModelSpec,
    layers: LayerSpec[],
  ) {
    for (const layer of layers) {
      for (const [role, name] of mapWeightRoles(spec, layer)) {
        const w = spec.weights[name];
        this.tensors.set(`${layer.name}\u0000${role}`, tf.tensor(w.data, w.shape, 'float32'));
      }
    }
  }

  of(layer: string): (role: string) => tf.Tensor | undefined {
    return (role) => this.tensors.get(`${layer}\u0000${role}`);
  }

  dispose(): void {
    tf.dispose([...this.tensors.values()]);
    this.tensors.clear();
  }
}

export class RouteRunner {
  private readonly linearLayer: LayerSpec;
  private readonly activation: string;
  /** L's followers still to run per point (a leading BN may be folded into kernel and bias). */
  private readonly tail: LayerSpec[];
  private readonly weights: RouteWeights;
  private readonly kernel: tf.Tensor;
  private readonly bias: tf.Tensor | undefined;

  /** `input`: the dense activation feeding the producer (borrowed, not disposed here). */
  constructor(
    spec: ModelSpec,
    route: ProducerRoute,
    private readonly input: tf.Tensor,
    private readonly bnMode: RankShiftBnMode = 'frozen',
  ) {
    const { producer, followers } = route;
    this.activation = readActivationName(producer);
    // The producer's linear part only: bias and activation are handled here.
    this.linearLayer = {
      ...producer,
      config: { ...producer.config, use_bias: false, activation: 'linear' },
    };
    this.weights = new RouteWeights(spec, [producer, ...followers]);
    const kernel = this.weights.of(producer.name)('kernel');
    if (!kernel)
      throw new LabError('WEIGHTS_MISSING', `Layer "${producer.name}" has no kernel weight.`);
    const bias = readBool(producer, 'use_bias', true)
      ? this.weights.of(producer.name)('bias')
      : undefined;
    const folded = tf.tidy(() => {
      // (conv(x, W) + b)·scale + shift = conv(x, W·scale) + (b·scale + shift): a pass fewer per
      // point. Only frozen BN is a fixed affine map; batch BN depends on each point's z.
      const bn =
        this.activation === 'linear' && followers.length && bnMode === 'frozen'
          ? batchNormAffine(followers[0], this.weights.of(followers[0].name), input.rank)
          : null;
      if (!bn) return { kernel: tf.clone(kernel), bias: bias && tf.clone(bias), folded: false };
      const shift = bias ? tf.add(tf.mul(bias, bn.scale), bn.shift) : bn.shift;
      return { kernel: tf.mul(kernel, bn.scale), bias: shift, folded: true };
    });
    this.kernel = folded.kernel;
    this.bias = folded.bias;
    this.tail = folded.folded ? followers.slice(1) : followers;
  }

  /** Bias plus the producer's terms of the input `channels` (caller disposes). */
  partialSum(channels: readonly number[], withBias: boolean): tf.Tensor {
    return tf.tidy(() => {
      const index = tf.tensor1d(Array.from(channels), 'int32');
      const x = selectChannels(this.input, channels);
      const k = tf.gather(this.kernel, index, this.kernel.rank - 2);
      const ctx = opContext(this.linearLayer, x, (role) => (role === 'kernel' ? k : undefined));
      const y = layerForward(this.linearLayer)(ctx);
      return withBias && this.bias ? tf.add(y, this.bias) : y;
    });
  }

  /** z plus the terms of the channels in `kept` but not in `previous` (z itself when none). */
  grow(z: tf.Tensor, previous: readonly number[], kept: readonly number[]): tf.Tensor {
    const had = new Set(previous);
    const added = kept.filter((c) => !had.has(c));
    if (!added.length) return z;
    return tf.tidy(() => tf.add(z, this.partialSum(added, false)));
  }

  /** L's channel statistic from the producer's biased linear sum z (caller disposes). */
  statistic(z: tf.Tensor, kind: ActivationImportanceKind): tf.Tensor1D {
    return tf.tidy(() => {
      let y = applyActivation(this.activation, z, this.linearLayer.name);
      for (const layer of this.tail) {
        const ctx = opContext(layer, y, this.weights.of(layer.name), this.bnMode);
        y = layerForward(layer)(ctx);
      }
      return channelStatistic(y, kind);
    });
  }

  dispose(): void {
    tf.dispose([this.kernel, ...(this.bias ? [this.bias] : [])]);
    this.weights.dispose();
  }
}
