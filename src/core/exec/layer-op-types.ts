import type * as tf from '@tensorflow/tfjs';
import type { LayerSpec } from '../model/spec';

/** What one layer's forward function sees; built by the executor per layer call. */
export interface LayerOpContext {
  layer: LayerSpec;
  inputs: tf.Tensor[];
  training: boolean;
  /** 'frozen': BN uses moving statistics always; 'batch': batch statistics while training. */
  bnMode: 'frozen' | 'batch';
  /** The (possibly transformed) weight of a role; throws WEIGHTS_MISSING when absent. */
  weight(role: string): tf.Tensor;
  /** The weight of a role, or undefined when the layer has none (e.g. use_bias false). */
  optionalWeight(role: string): tf.Tensor | undefined;
  /** Writes a non-trainable state weight (BN moving statistics). */
  assignState(role: string, value: tf.Tensor): void;
  /** A fresh seed for a random op (dropout), reproducible across runs. */
  nextSeed(): number;
}

export type LayerForward = (ctx: LayerOpContext) => tf.Tensor;
