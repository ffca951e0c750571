import * as tf from '@tensorflow/tfjs';
import type { Batch } from '../data/source';
import { LabError } from '../errors';
import type { ForwardOptions, ModelExecutor } from '../exec/executor';
import { endsWithSoftmax } from '../exec/output-kind';
import { FlatAdam } from './flat-adam';
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
  /** SGD runs tfjs' optimizer; Adam runs FlatAdam (same arithmetic, a few ops per step). */
  private readonly sgd: tf.SGDOptimizer | null;
  private readonly adam: FlatAdam | null;
  private readonly outputIsProbs: boolean;

  constructor(
    private readonly executor: ModelExecutor,
    private readonly options: TrainerOptions,
  ) {
    if (!(options.learningRate > 0) || !Number.isFinite(options.learningRate)) {
      throw new LabError(
        'OUT_OF_RANGE',
        `The learning rate must be a positive number, not ${options.learningRate}.`,
      );
    }
    if (options.loss === 'distillation' && !options.teacher) {
      throw new LabError('NOT_READY', 'Distillation needs a teacher model.');
    }
    this.adam = options.optimizer === 'adam' ? new FlatAdam(options.learningRate) : null;
    this.sgd = options.optimizer === 'sgd' ? tf.train.sgd(options.learningRate) : null;
    this.outputIsProbs = endsWithSoftmax(executor.spec);
  }

  /** One optimisation step; returns the loss as a number. Hooks (masks, observe, quant) per step. */
  async step(batch: Batch, forward: Omit<ForwardOptions, 'training'>): Promise<number> {
    const { loss, grads } = await this.gradients(batch, forward);
    try {
      this.applyGradients(grads);
    } finally {
      tf.dispose(grads);
    }
    return loss;
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
        // A variable off the loss's path gets no gradient from tfjs: it moves by zero.
        const ordered = variables.map((v) => grads[v.name] ?? tf.zerosLike(v));
        return { loss: (await value.data())[0], grads: ordered };
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
        'SHAPE_MISMATCH',
        `Got ${grads.length} gradients for ${variables.length} trainable variables.`,
      );
    }
    if (this.adam) this.adam.apply(variables, grads);
    else this.sgd!.applyGradients(variables.map((v, i) => ({ name: v.name, tensor: grads[i] })));
  }

  /** The variables this trainer updates, with their weight names (for divergence checks). */
  namedVariables(): [string, tf.Variable][] {
    return this.executor.namedTrainableVariables();
  }

  /** Changes the learning rate for the following steps (schedules). */
  setLearningRate(learningRate: number): void {
    if (!(learningRate > 0) || !Number.isFinite(learningRate)) {
      throw new LabError(
        'OUT_OF_RANGE',
        `The learning rate must be a positive number, not ${learningRate}.`,
      );
    }
    if (this.adam) this.adam.learningRate = learningRate;
    else this.sgd!.setLearningRate(learningRate); // SGD keeps −lr as a tensor
  }

  dispose(): void {
    this.adam?.dispose();
    this.sgd?.dispose();
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
