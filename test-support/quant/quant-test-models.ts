/**
 * Small seeded models shared by the quantization, footprint and export tests (not shipped code
 * paths: only *.test.ts import this).
 */
import * as tf from '@tensorflow/tfjs';
import { conv } from '../layers';
import { specFromLayersModel } from '../../src/core/model/tf-bridge';
import type { ModelSpec } from '../../src/core/model/spec';

/** conv 3×3 1→4 (relu) → BN → flatten → dense 10: the hand-countable footprint model. */
export async function tinyConvSpec(): Promise<ModelSpec> {
  const model = tf.sequential({
    name: 'tiny_conv',
    layers: [
      conv('conv', 4, {
        inputShape: [6, 6, 1],
        padding: 'valid',
        activation: 'relu',
        kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
        biasInitializer: tf.initializers.randomUniform({ minval: -0.1, maxval: 0.1, seed: 2 }),
      }),
      tf.layers.batchNormalization({ name: 'bn' }),
      tf.layers.flatten({ name: 'flat' }),
      tf.layers.dense({
        name: 'fc',
        units: 10,
        kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }),
      }),
    ],
  });
  return disposeAfter(model, await specFromLayersModel(model, 'tiny_conv'));
}

/** Every quantized kernel kind: conv, depthwise (mult 2), separable, transpose, dense. */
export async function allKernelsSpec(): Promise<ModelSpec> {
  const init = (seed: number) => tf.initializers.glorotUniform({ seed });
  const bias = (seed: number) => tf.initializers.randomUniform({ minval: -0.2, maxval: 0.2, seed });
  const model = tf.sequential({
    name: 'all_kernels',
    layers: [
      conv('conv', 3, {
        inputShape: [8, 8, 2],
        activation: 'relu',
        kernelInitializer: init(1),
        biasInitializer: bias(2),
      }),
      tf.layers.depthwiseConv2d({
        name: 'dw',
        kernelSize: 3,
        depthMultiplier: 2,
        activation: 'relu',
        depthwiseInitializer: init(3),
        biasInitializer: bias(4),
      }),
      tf.layers.separableConv2d({
        name: 'sep',
        filters: 4,
        kernelSize: 3,
        depthMultiplier: 1,
        depthwiseInitializer: init(5),
        pointwiseInitializer: init(6),
        biasInitializer: bias(7),
      }),
      tf.layers.conv2dTranspose({
        name: 'deconv',
        filters: 2,
        kernelSize: 2,
        strides: 2,
        activation: 'relu',
        kernelInitializer: init(8),
        biasInitializer: bias(9),
      }),
      tf.layers.flatten({ name: 'flat' }),
      tf.layers.dense({
        name: 'fc',
        units: 5,
        kernelInitializer: init(10),
        biasInitializer: bias(11),
      }),
    ],
  });
  return disposeAfter(model, await specFromLayersModel(model, 'all_kernels'));
}

function disposeAfter(model: tf.LayersModel, spec: ModelSpec): ModelSpec {
  model.dispose();
  return spec;
}

/** Deterministic inputs in [0, 1). */
export function seededInput(shape: number[], seed: number): tf.Tensor {
  return tf.randomUniform(shape, 0, 1, 'float32', seed);
}
