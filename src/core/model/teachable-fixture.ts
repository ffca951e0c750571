import * as tf from '@tensorflow/tfjs';
import { createRng } from '../random';
import { encodeJson } from './model-json';

/**
 * A model with the exact structure of a Teachable Machine image export, built with tfjs (not
 * downloaded): a Sequential whose first layer is a Sequential holding a functional
 * MobileNet-v2-style feature extractor (Conv2D → BN → ReLU6, an inverted residual block with
 * DepthwiseConv2D and Add) plus global pooling, followed by a classifier Sequential of two
 * Dense layers. Small (16×16×3 input) so tests run in well under a second. Weights are seeded
 * and the BN statistics non-trivial, so pruning a channel changes the output.
 */
export const TEACHABLE_INPUT_SHAPE = [16, 16, 3];

function convBnRelu6(
  x: tf.SymbolicTensor,
  name: string,
  layer: tf.layers.Layer,
  relu6 = true,
): tf.SymbolicTensor {
  const conv = layer.apply(x) as tf.SymbolicTensor;
  const bn = tf.layers.batchNormalization({ name: `${name}_bn` }).apply(conv) as tf.SymbolicTensor;
  return relu6
    ? (tf.layers.reLU({ maxValue: 6, name: `${name}_relu` }).apply(bn) as tf.SymbolicTensor)
    : bn;
}

function featureExtractor(): tf.LayersModel {
  const input = tf.input({ shape: TEACHABLE_INPUT_SHAPE, name: 'input_1' });
  const conv = (name: string, filters: number, kernelSize: number, strides = 1) =>
    tf.layers.conv2d({ name, filters, kernelSize, strides, padding: 'same', useBias: false });
  const stem = convBnRelu6(input, 'Conv1', conv('Conv1', 8, 3, 2));
  const expand = convBnRelu6(stem, 'block_1_expand', conv('block_1_expand', 16, 1));
  const dw = tf.layers.depthwiseConv2d({
    name: 'block_1_depthwise',
    kernelSize: 3,
    padding: 'same',
    useBias: false,
  });
  const depthwise = convBnRelu6(expand, 'block_1_depthwise', dw);
  const project = convBnRelu6(depthwise, 'block_1_project', conv('block_1_project', 8, 1), false);
  const added = tf.layers.add({ name: 'block_1_add' }).apply([stem, project]) as tf.SymbolicTensor;
  const head = convBnRelu6(added, 'out', conv('out_conv', 12, 1));
  return tf.model({ inputs: input, outputs: head, name: 'model1' });
}

/** Seeded weights; moving variances kept positive. Disposes what it creates. */
function seedWeights(model: tf.LayersModel, seed: number): void {
  const rng = createRng(seed);
  const values = model.weights.map((w) => {
    const shape = w.shape as number[];
    const size = shape.reduce((a, b) => a * b, 1);
    const positive = w.name.includes('moving_variance') || w.name.includes('gamma');
    const data = Float32Array.from({ length: size }, () =>
      positive ? 0.5 + rng() : (rng() - 0.5) * 0.8,
    );
    return tf.tensor(data, shape);
  });
  model.setWeights(values);
  tf.dispose(values);
}

export function teachableMachineModel(seed = 21): tf.Sequential {
  const features = tf.sequential({
    name: 'sequential_1',
    layers: [
      featureExtractor(),
      tf.layers.globalAveragePooling2d({
        name: 'global_average_pooling2d_GlobalAveragePooling2D1',
      }),
    ],
  });
  const classifier = tf.sequential({
    name: 'sequential_3',
    layers: [
      tf.layers.dense({ name: 'dense_Dense1', inputShape: [12], units: 10, activation: 'relu' }),
      tf.layers.dense({ name: 'dense_Dense2', units: 3, activation: 'softmax' }),
    ],
  });
  const model = tf.sequential({ name: 'sequential_4', layers: [features, classifier] });
  seedWeights(model, seed);
  return model;
}

/** The model as the files a Teachable Machine download holds: model.json + weights.bin. */
export async function teachableMachineFiles(
  model: tf.LayersModel,
): Promise<Record<string, Uint8Array>> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  const data = saved!.weightData!;
  const bytes = Array.isArray(data) ? tf.io.concatenateArrayBuffers(data) : data;
  const modelJson = {
    modelTopology: saved!.modelTopology,
    weightsManifest: [{ paths: ['model.weights.bin'], weights: saved!.weightSpecs }],
  };
  return { 'model.json': encodeJson(modelJson), 'model.weights.bin': new Uint8Array(bytes) };
}
