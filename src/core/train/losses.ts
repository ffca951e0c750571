import * as tf from '@tensorflow/tfjs';

/**
 * Loss functions of the trainer. Probabilities are clipped to [1e-7, 1] before the log,
 * exactly as Keras' categorical_crossentropy does for a softmax output, so training the
 * lab's executor matches training the original Keras model.
 */
const PROB_EPSILON = 1e-7;

function logProbs(output: tf.Tensor, outputIsProbs: boolean): tf.Tensor {
  return outputIsProbs ? tf.log(tf.clipByValue(output, PROB_EPSILON, 1)) : tf.logSoftmax(output);
}

/** Mean over the batch of −Σ y·log p; `output` holds probabilities or logits. */
export function crossEntropyLoss(
  labels: tf.Tensor,
  output: tf.Tensor,
  outputIsProbs: boolean,
): tf.Scalar {
  return tf.neg(tf.mean(tf.sum(tf.mul(labels, logProbs(output, outputIsProbs)), -1))) as tf.Scalar;
}

export function mseLoss(target: tf.Tensor, output: tf.Tensor): tf.Scalar {
  return tf.mean(tf.squaredDifference(output, target));
}

/**
 * Distillation against the original model's outputs. For class scores (rank 2):
 * KL(p_teacher ‖ p_student), averaged over the batch (0 when the student equals the
 * teacher). For any other output (images, regression): MSE to the teacher's output.
 */
export function distillationLoss(
  teacher: tf.Tensor,
  output: tf.Tensor,
  outputIsProbs: boolean,
): tf.Scalar {
  if (output.rank !== 2) return mseLoss(teacher, output);
  const logTeacher = logProbs(teacher, outputIsProbs);
  const pTeacher = tf.exp(logTeacher);
  return tf.mean(tf.sum(tf.mul(pTeacher, tf.sub(logTeacher, logProbs(output, outputIsProbs))), -1));
}
