import * as tf from '@tensorflow/tfjs';

/**
 * Small hand-built models with explicit layer names, for tests whose expected channel groups
 * are written out by hand (the random generator covers breadth; these pin exact structure).
 */
type Sym = tf.SymbolicTensor;
const call = (layer: tf.layers.Layer, x: Sym | Sym[]): Sym => layer.apply(x) as Sym;

function conv(name: string, filters: number, x: Sym, kernelSize = 3): Sym {
  return call(tf.layers.conv2d({ name, filters, kernelSize, padding: 'same' }), x);
}
const bn = (name: string, x: Sym): Sym => call(tf.layers.batchNormalization({ name }), x);
const relu = (name: string, x: Sym): Sym => call(tf.layers.reLU({ name }), x);

/** stem → (identity-shortcut block) → (projection-shortcut block) → GAP → Dense head. */
export function residualFixture(): tf.LayersModel {
  const input = tf.input({ shape: [6, 6, 3], name: 'image' });
  const stem = relu('stem_relu', bn('stem_bn', conv('stem', 4, input)));
  const a = bn('a2_bn', conv('a2', 4, relu('a1_relu', bn('a1_bn', conv('a1', 4, stem)))));
  const add1 = relu('add1_relu', call(tf.layers.add({ name: 'add1' }), [a, stem]));
  const b = bn('b2_bn', conv('b2', 6, relu('b1_relu', bn('b1_bn', conv('b1', 6, add1)))));
  const proj = bn('proj_bn', conv('proj', 6, add1, 1));
  const add2 = relu('add2_relu', call(tf.layers.add({ name: 'add2' }), [b, proj]));
  const pooled = call(tf.layers.globalAveragePooling2d({ name: 'gap' }), add2);
  const out = call(tf.layers.dense({ name: 'head', units: 3 }), pooled);
  return tf.model({ inputs: input, outputs: out, name: 'residual_fixture' });
}

/** Two branches concatenated on channels, a BN over the concat, a conv, Flatten → Dense. */
export function concatFixture(): tf.LayersModel {
  const input = tf.input({ shape: [4, 4, 2], name: 'image' });
  const c1 = relu('c1_relu', conv('c1', 3, input));
  const c2 = conv('c2', 5, input, 1);
  const cat = bn('cat_bn', call(tf.layers.concatenate({ name: 'cat' }), [c1, c2]));
  const c3 = conv('c3', 4, cat);
  const flat = call(tf.layers.flatten({ name: 'flat' }), c3);
  const out = call(tf.layers.dense({ name: 'out', units: 2 }), flat);
  return tf.model({ inputs: input, outputs: out, name: 'concat_fixture' });
}

/** conv(8, valid) → relu → maxpool → conv(16, same) → flatten → dense(10) → dense(4, softmax), input 8×8×1. */
export function sequentialCnnFixture(): tf.Sequential {
  const model = tf.sequential({ name: 'seq_cnn_fixture' });
  model.add(
    tf.layers.conv2d({
      name: 'conv1',
      inputShape: [8, 8, 1],
      filters: 8,
      kernelSize: 3,
      activation: 'relu',
    }),
  );
  model.add(tf.layers.maxPooling2d({ name: 'pool1', poolSize: 2 }));
  model.add(
    tf.layers.conv2d({
      name: 'conv2',
      filters: 16,
      kernelSize: 3,
      padding: 'same',
      activation: 'relu',
    }),
  );
  model.add(tf.layers.flatten({ name: 'flat' }));
  model.add(tf.layers.dense({ name: 'dense1', units: 10, activation: 'relu' }));
  model.add(tf.layers.dense({ name: 'dense2', units: 4, activation: 'softmax' }));
  return model;
}
