import * as tf from '@tensorflow/tfjs';
import type { ModelSpec } from '../../model/spec';
import type { ActivationCollector } from '../importance';
import type { ImportanceScorer } from './types';

/**
 * The scorer shared by the criteria that accumulate a per-channel statistic over training steps
 * (importance.ts's cumulative mean, one running sum per unit). By default `tap` feeds the
 * unmasked activation itself (L1, L0); a criterion that needs more than the forward value
 * (Taylor: the gradient too) overrides `tap` and feeds the collector a tensor of its own.
 */
export class ActivationStatisticsScorer implements ImportanceScorer {
  constructor(
    protected readonly collector: ActivationCollector,
    readonly notes: readonly string[] = [],
  ) {}

  layersOf(groupIds: readonly string[]): Set<string> {
    return this.collector.layersOf(groupIds);
  }

  tap(layer: string, x: tf.Tensor, mask?: tf.Tensor1D): tf.Tensor {
    this.collector.observe(layer, x);
    return mask ? tf.mul(x, mask) : x;
  }

  async groupScores(
    groupIds: readonly string[],
    _weights: () => Promise<ModelSpec>,
  ): Promise<Record<string, Float32Array>> {
    const scores = await Promise.all(groupIds.map((id) => this.collector.groupScores(id)));
    return Object.fromEntries(groupIds.map((id, i) => [id, scores[i]]));
  }

  stepsObserved(groupId: string): number {
    return this.collector.stepsObserved(groupId);
  }

  dispose(): void {
    this.collector.dispose();
  }
}

/** The scorer of a data-free criterion: nothing observed, scores from `score` on demand. */
export class DataFreeScorer implements ImportanceScorer {
  readonly notes: readonly string[] = [];

  constructor(
    private readonly score: (
      groupIds: readonly string[],
      weights: () => Promise<ModelSpec>,
    ) => Promise<Record<string, Float32Array>>,
  ) {}

  layersOf(): Set<string> {
    return new Set();
  }

  tap(_layer: string, x: tf.Tensor, mask?: tf.Tensor1D): tf.Tensor {
    return mask ? tf.mul(x, mask) : x;
  }

  groupScores(
    groupIds: readonly string[],
    weights: () => Promise<ModelSpec>,
  ): Promise<Record<string, Float32Array>> {
    return this.score(groupIds, weights);
  }

  stepsObserved(): number {
    return 0;
  }

  dispose(): void {}
}
