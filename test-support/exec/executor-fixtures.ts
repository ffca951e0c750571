import * as tf from '@tensorflow/tfjs';
import { sameConv } from '../layers';

/**
 * tf.layers models that exercise every executor op, for the equivalence tests
 * (executor.forward vs model.predict). Weights are randomised (BN statistics too) so
 * that no layer is near identity.
 */
export function randomiseWeights(model: tf.LayersModel, seed: number): void {
  const values = model.weights.map((w, i) => {
    const shape = w.shape as number[];
    if (w.originalName.endsWith('moving_variance'))
      return tf.randomUniform(shape, 0.5, 1.5, 'float32', seed + i);
    return tf.randomNormal(shape, 0, 0.4, 'float32', seed + i);
  });
  model.setWeights(values);
  tf.dispose(values);
}

export function sequentialCnn(): tf.LayersModel {
  return tf.sequential({
    layers: [
      sameConv(4, { inputShape: [10, 10, 2], activation: 'relu' }),
      tf.layers.batchNormalization(),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.conv2d({ filters: 6, kernelSize: 2, strides: 2, useBias: false }),
      tf.layers.reLU({ maxValue: 6 }),
      tf.layers.dropout({ rate: 0.5 }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 5, activation: 'softmax' }),
    ],
  });
}

export function residualNet(): tf.LayersModel {
  const input = tf.input({ shape: [8, 8, 3] });
  const a = tf.layers
    .conv2d({ filters: 4, kernelSize: 3, padding: 'same' })
    .apply(input) as tf.SymbolicTensor;
  const b = tf.layers.batchNormalization({ epsilon: 0.01 }).apply(a) as tf.SymbolicTensor;
  const c = tf.layers.activation({ activation: 'relu' }).apply(b) as tf.SymbolicTensor;
  const d = tf.layers
    .conv2d({ filters: 4, kernelSize: 3, padding: 'same', dilationRate: 2 })
    .apply(c) as tf.SymbolicTensor;
  const skip = tf.layers.conv2d({ filters: 4, kernelSize: 1 }).apply(input) as tf.SymbolicTensor;
  const sum = tf.layers.add().apply([d, skip]) as tf.SymbolicTensor;
  const pooled = tf.layers.globalAveragePooling2d({}).apply(sum) as tf.SymbolicTensor;
  const out = tf.layers.dense({ units: 3 }).apply(pooled) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: out });
}

export function depthwiseConcatNet(): tf.LayersModel {
  const input = tf.input({ shape: [9, 9, 3] });
  const dw = tf.layers
    .depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2, padding: 'same', activation: 'relu6' })
    .apply(input) as tf.SymbolicTensor;
  const sep = tf.layers
    .separableConv2d({ filters: 5, kernelSize: 3, padding: 'same', activation: 'elu' })
    .apply(input) as tf.SymbolicTensor;
  const cat = tf.layers.concatenate({ axis: -1 }).apply([dw, sep]) as tf.SymbolicTensor;
  const bn = tf.layers.batchNormalization({ center: false }).apply(cat) as tf.SymbolicTensor;
  const avg = tf.layers
    .averagePooling2d({ poolSize: 2, strides: 2, padding: 'same' })
    .apply(bn) as tf.SymbolicTensor;
  const conv = tf.layers
    .conv2d({ filters: 4, kernelSize: 2, activation: 'selu' })
    .apply(avg) as tf.SymbolicTensor;
  const gmax = tf.layers.globalMaxPooling2d({}).apply(conv) as tf.SymbolicTensor;
  const out = tf.layers.dense({ units: 2, activation: 'sigmoid' }).apply(gmax) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: out });
}

export function decoderNet(): tf.LayersModel {
  const input = tf.input({ shape: [5, 5, 2] });
  const pad = tf.layers
    .zeroPadding2d({
      padding: [
        [1, 0],
        [2, 1],
      ],
    })
    .apply(input) as tf.SymbolicTensor;
  const t1 = tf.layers
    .conv2dTranspose({ filters: 3, kernelSize: 3, strides: 2, padding: 'same', activation: 'tanh' })
    .apply(pad) as tf.SymbolicTensor;
  const t2 = tf.layers
    .conv2dTranspose({ filters: 2, kernelSize: 3, strides: 2, padding: 'valid' })
    .apply(t1) as tf.SymbolicTensor;
  const lrelu = tf.layers.leakyReLU({ alpha: 0.2 }).apply(t2) as tf.SymbolicTensor;
  const up = tf.layers.upSampling2d({ size: [2, 1] }).apply(lrelu) as tf.SymbolicTensor;
  const out = tf.layers
    .conv2d({ filters: 1, kernelSize: 3, activation: 'hardSigmoid' })
    .apply(up) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: out });
}

/** Dense on rank-3 input and every remaining activation name. */
export function activationChain(): tf.LayersModel {
  const acts = ['softplus', 'softsign', 'swish', 'linear', 'tanh', 'relu', 'selu'] as const;
  const layers: tf.layers.Layer[] = [tf.layers.reshape({ inputShape: [12], targetShape: [3, 4] })];
  for (const activation of acts) layers.push(tf.layers.dense({ units: 4, activation }));
  layers.push(tf.layers.flatten(), tf.layers.dense({ units: 3 }), tf.layers.softmax());
  return tf.sequential({ layers });
}
