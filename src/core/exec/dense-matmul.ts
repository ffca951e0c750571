import * as tf from '@tensorflow/tfjs';

/**
 * x·W for Dense layers with a hand-written gradient whose products are all plain (untransposed)
 * matrix products. tf.matMul's own gradient asks for dy·Wᵀ and xᵀ·dy with the transpose flags
 * set, and the wasm backend runs any flagged product as a scalar blocked loop: ≈ 9 ms each for
 * the demo CNN's fc1 (x [64, 3136], W [3136, 64]) against ≈ 1 ms for the same product with an
 * explicit transpose and XNNPACK (measured with tf.profile). On GPU backends the transposes
 * are cheap either way.
 *   dx = (W·dyᵀ)ᵀ,  dW = xᵀ·dy
 */
export function denseMatMul(x: tf.Tensor2D, kernel: tf.Tensor2D): tf.Tensor2D {
  const product = tf.customGrad((xIn, wIn, saveArg) => {
    const save = saveArg as tf.GradSaveFunc;
    save([xIn as tf.Tensor, wIn as tf.Tensor]);
    return {
      value: tf.matMul(xIn as tf.Tensor2D, wIn as tf.Tensor2D),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, ws] = saved as tf.Tensor2D[];
        const dy2d = dy as tf.Tensor2D;
        return [tf.transpose(tf.matMul(ws, tf.transpose(dy2d))), tf.matMul(tf.transpose(xs), dy2d)];
      },
    };
  });
  return product(x, kernel) as tf.Tensor2D;
}
