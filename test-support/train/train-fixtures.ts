import * as tf from '@tensorflow/tfjs';
import { sameConv } from '../layers';
import { specFromLayersModel } from '../../src/core/model/tf-bridge';
import type { ModelSpec } from '../../src/core/model/spec';

/** A tiny seeded CNN classifier for 8×8×1 inputs (conv → BN → relu → pool → dense softmax). */
export async function tinyCnnSpec(seed = 1, classes = 2): Promise<ModelSpec> {
  const init = (s: number) => tf.initializers.glorotUniform({ seed: seed * 10 + s });
  const model = tf.sequential({
    layers: [
      sameConv(4, { inputShape: [8, 8, 1], kernelInitializer: init(1) }),
      tf.layers.batchNormalization(),
      tf.layers.activation({ activation: 'relu' }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.flatten(),
      tf.layers.dense({ units: classes, activation: 'softmax', kernelInitializer: init(2) }),
    ],
  });
  const spec = await specFromLayersModel(model, 'tiny-cnn');
  model.dispose();
  return spec;
}

/** A tiny image-to-image model (conv relu → conv sigmoid), same spatial size. */
export async function tinyDenoiserSpec(seed = 1): Promise<ModelSpec> {
  const init = (s: number) => tf.initializers.glorotUniform({ seed: seed * 10 + s });
  const model = tf.sequential({
    layers: [
      sameConv(4, { inputShape: [8, 8, 1], activation: 'relu', kernelInitializer: init(1) }),
      sameConv(1, { activation: 'sigmoid', kernelInitializer: init(2) }),
    ],
  });
  const spec = await specFromLayersModel(model, 'tiny-denoiser');
  model.dispose();
  return spec;
}
