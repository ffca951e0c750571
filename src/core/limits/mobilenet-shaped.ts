import * as tf from '@tensorflow/tfjs';
import type { SymbolicTensor } from '@tensorflow/tfjs';

/**
 * A MobileNetV2-shaped classifier for memory and time measurements (tests, e2e fixtures): stem
 * conv stride 2, inverted residual blocks (1×1 expand → ReLU6 → 3×3 depthwise → ReLU6 → 1×1
 * project, Add when the shape allows), a 1×1 head, global average pooling and a Dense softmax.
 * The default is the real network's block table at `inputSize` 224 with 10 classes (≈ 2.27 M
 * parameters); `blocks` shortens the table for quick runs.
 */
export interface MobilenetShapedOptions {
  inputSize?: number;
  classes?: number;
  /** Use only the first n rows of the block table (default all 7). */
  blocks?: number;
  headChannels?: number;
  seed?: number;
}

/** [expansion t, output channels c, repeats n, first stride s] — MobileNetV2's table. */
const BLOCK_TABLE: readonly (readonly [number, number, number, number])[] = [
  [1, 16, 1, 1],
  [6, 24, 2, 2],
  [6, 32, 3, 2],
  [6, 64, 4, 2],
  [6, 96, 3, 1],
  [6, 160, 3, 2],
  [6, 320, 1, 1],
];

export function buildMobilenetShaped(options: MobilenetShapedOptions = {}): tf.LayersModel {
  const size = options.inputSize ?? 224;
  let seed = options.seed ?? 1;
  const init = () => tf.initializers.heNormal({ seed: seed++ });
  const convBn = (
    x: SymbolicTensor,
    name: string,
    filters: number,
    k: number,
    s: number,
    relu: boolean,
  ) => {
    let y = tf.layers
      .conv2d({
        name,
        filters,
        kernelSize: k,
        strides: s,
        padding: 'same',
        useBias: false,
        kernelInitializer: init(),
      })
      .apply(x) as SymbolicTensor;
    y = tf.layers.batchNormalization({ name: `${name}_bn` }).apply(y) as SymbolicTensor;
    return relu
      ? (tf.layers.reLU({ name: `${name}_relu`, maxValue: 6 }).apply(y) as SymbolicTensor)
      : y;
  };
  const input = tf.input({ shape: [size, size, 3], name: 'input' });
  let x = convBn(input, 'stem', 32, 3, 2, true);
  let channels = 32;
  let index = 0;
  for (const [t, c, n, s] of BLOCK_TABLE.slice(0, options.blocks ?? BLOCK_TABLE.length)) {
    for (let r = 0; r < n; r++) {
      const name = `block${++index}`;
      const stride = r === 0 ? s : 1;
      let y = t === 1 ? x : convBn(x, `${name}_expand`, channels * t, 1, 1, true);
      y = tf.layers
        .depthwiseConv2d({
          name: `${name}_dw`,
          kernelSize: 3,
          strides: stride,
          padding: 'same',
          useBias: false,
          depthwiseInitializer: init(),
        })
        .apply(y) as SymbolicTensor;
      y = tf.layers.batchNormalization({ name: `${name}_dw_bn` }).apply(y) as SymbolicTensor;
      y = tf.layers.reLU({ name: `${name}_dw_relu`, maxValue: 6 }).apply(y) as SymbolicTensor;
      y = convBn(y, `${name}_project`, c, 1, 1, false);
      x =
        stride === 1 && channels === c
          ? (tf.layers.add({ name: `${name}_add` }).apply([x, y]) as SymbolicTensor)
          : y;
      channels = c;
    }
  }
  x = convBn(x, 'head', options.headChannels ?? 1280, 1, 1, true);
  x = tf.layers.globalAveragePooling2d({ name: 'pool' }).apply(x) as SymbolicTensor;
  const output = tf.layers
    .dense({
      name: 'logits',
      units: options.classes ?? 10,
      activation: 'softmax',
      kernelInitializer: init(),
    })
    .apply(x) as SymbolicTensor;
  return tf.model({ name: 'mobilenet-shaped', inputs: input, outputs: output });
}
