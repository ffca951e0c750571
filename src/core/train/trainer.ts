import * as tf from '@tensorflow/tfjs';
import type { Batch } from '../data/source';
import { LabError } from '../errors';
import type { ForwardOptions, ModelExecutor } from '../exec/executor';
import { endsWithSoftmax } from '../exec/output-kind';
import { crossEntropyLoss, distillationLoss, mseLoss } from './losses';

export type LossKind = 'cross-entropy' | 'mse' | 'distillation';

export interface TrainerOptions {
  optimizer: 'adam' | 'sgd';
  learningRate: number;
  loss: LossKind;
  /** For distillation: teacher outputs (the ORIGINAL model's logits/probs) computed per batch. */
  teacher?: (x: tf.Tensor) => tf.Tensor;
}

/**
 * One optimizer over an executor's trainable variables. Masks are applied inside the
 * forward pass, so pruned channels get zero gradient through the mask; with Adam their
 * moments stay zero and their weights do not move.
 */
export class Trainer {
  private readonly optimizer: tf.Optimizer;
  private readonly outputIsProbs: boolean;

  constructor(
    private readonly executor: ModelExecutor,
    private readonly options: TrainerOptions,
  ) {
    if (!(options.learningRate > 0) || !Number.isFinite(options.learningRate)) {
      throw new LabError(
        'INVALID_ARGUMENT',
        `The learning rate must be a positive number, not ${options.learningRate}.`,
      );
    }
    if (options.loss === 'distillation' && !options.teacher) {
      throw new LabError('INVALID_ARGUMENT', 'Distillation needs a teacher model.');
    }
    this.optimizer =
      options.optimizer === 'adam'
        ? tf.train.adam(options.learningRate)
        : tf.train.sgd(options.learningRate);
    this.outputIsProbs = endsWithSoftmax(executor.spec);
  }

  /** One optimisation step; returns the loss as a number. Hooks (masks, observe, quant) per step. */
  async step(batch: Batch, forward: Omit<ForwardOptions, 'training'>): Promise<number> {
    const target = this.target(batch);
    try {
      const cost = this.optimizer.minimize(
        () => this.loss(this.executor.forward(batch.x, { ...forward, training: true }), target),
        true,
        this.executor.trainableVariables(),
      );
      // An awaited read: webgpu in a worker cannot read synchronously.
      try {
        return (await cost!.data())[0];
      } finally {
        cost!.dispose();
      }
    } finally {
      if (target !== batch.y) target.dispose();
    }
  }

  /**
   * The loss and its gradients on one batch, without an update: data-parallel training
   * averages them across processes and applies the average with `applyGradients`. Gradients
   * follow `executor.trainableVariables()`'s order; the caller disposes them.
   */
  async gradients(
    batch: Batch,
    forward: Omit<ForwardOptions, 'training'>,
  ): Promise<{ loss: number; grads: tf.Tensor[] }> {
    const target = this.target(batch);
    const variables = this.executor.trainableVariables();
    try {
      const { value, grads } = tf.variableGrads(
        () => this.loss(this.executor.forward(batch.x, { ...forward, training: true }), target),
        variables,
      );
      try {
        return { loss: (await value.data())[0], grads: variables.map((v) => grads[v.name]) };
      } finally {
        value.dispose();
      }
    } finally {
      if (target !== batch.y) target.dispose();
    }
  }

  /** One optimizer update from gradients in `executor.trainableVariables()`'s order. */
  applyGradients(grads: readonly tf.Tensor[]): void {
    const variables = this.executor.trainableVariables();
    if (grads.length !== variables.length) {
      throw new LabError(
        'INVALID_ARGUMENT',
        `Got ${grads.length} gradients for ${variables.length} trainable variables.`,
      );
    }
    this.optimizer.applyGradients(variables.map((v, i) => ({ name: v.name, tensor: grads[i] })));
  }

  /** Changes the learning rate for the following steps (schedules). */
  setLearningRate(learningRate: number): void {
    if (!(learningRate > 0) || !Number.isFinite(learningRate)) {
      throw new LabError(
        'INVALID_ARGUMENT',
        `The learning rate must be a positive number, not ${learningRate}.`,
      );
    }
    // tfjs optimizers override `instanceof` (any optimizer passes `instanceof SGDOptimizer`).
    if (this.options.optimizer === 'sgd') {
      (this.optimizer as tf.SGDOptimizer).setLearningRate(learningRate); // SGD keeps −lr as a tensor
    } else {
      // Adam reads `learningRate` on every step; it is only `protected` in the typings.
      (this.optimizer as unknown as { learningRate: number }).learningRate = learningRate;
    }
  }

  dispose(): void {
    this.optimizer.dispose();
  }

  private target(batch: Batch): tf.Tensor {
    if (this.options.loss === 'distillation') {
      const teacher = this.options.teacher!;
      return tf.tidy(() => teacher(batch.x));
    }
    if (!batch.y) {
      throw new LabError(
        'INVALID_DATA',
        `The ${this.options.loss} loss needs labelled batches; use distillation for unlabelled data.`,
      );
    }
    return batch.y;
  }

  private loss(output: tf.Tensor, target: tf.Tensor): tf.Scalar {
    switch (this.options.loss) {
      case 'cross-entropy':
        return crossEntropyLoss(target, output, this.outputIsProbs);
      case 'mse':
        return mseLoss(target, output);
      case 'distillation':
        return distillationLoss(target, output, this.outputIsProbs);
    }
  }
}
