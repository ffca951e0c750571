import type * as tf from '@tensorflow/tfjs';
import type { ChannelGraph } from '../../graph/types';
import type { ModelSpec } from '../../model/spec';
import type { MemberCombine } from '../importance';

/** What a criterion's scorer may use: the model as loaded, its channel graph, the run's choices. */
export interface ScorerContext {
  spec: ModelSpec;
  graph: ChannelGraph;
  /** The groups the schedule visits (notes name only their units). */
  scheduledGroupIds: readonly string[];
  /** How a coupled group's member scores become one (prune/group-order.ts). */
  combine: MemberCombine;
  seed: number;
}

/**
 * One run's importance state. While groups collect statistics, the run routes their measurement
 * layers' outputs through `tap` during the training step; `groupScores` reads the scores at a
 * mask recompute. Owns tensors until dispose().
 */
export interface ImportanceScorer {
  /** Measurement layers the given groups observe (empty for a data-free criterion). */
  layersOf(groupIds: readonly string[]): Set<string>;
  /**
   * Called with an observed layer's unmasked output during a training step; returns the tensor
   * the network continues with (× `mask` when one is in force), feeding the statistics on the way.
   */
  tap(layer: string, x: tf.Tensor, mask?: tf.Tensor1D): tf.Tensor;
  /** Scores per group id (original channel numbering); `weights` gives the current weights. */
  groupScores(
    groupIds: readonly string[],
    weights: () => Promise<ModelSpec>,
  ): Promise<Record<string, Float32Array>>;
  /** Training steps that fed the group's statistics (0 for data-free criteria). */
  stepsObserved(groupId: string): number;
  /** What the scorer did differently from what was asked (for the run report). */
  readonly notes: readonly string[];
  dispose(): void;
}

/** A criterion's implementation: its id (catalog.ts holds the texts) and its scorer factory. */
export type CreateScorer = (context: ScorerContext) => ImportanceScorer;
