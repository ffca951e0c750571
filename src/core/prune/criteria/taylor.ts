import * as tf from '@tensorflow/tfjs';
import { ActivationCollector } from '../importance';
import { ActivationStatisticsScorer } from './activation-scorer';
import type { CreateScorer } from './types';

/**
 * First-order Taylor importance (Molchanov et al., "Pruning Convolutional Neural Networks for
 * Resource Efficient Inference", ICLR 2017): removing channel c changes the loss by about
 * |a_c · ∂L/∂a_c|. Per training step, m_t[c] = mean over batch and positions of |a · ∂L/∂a| at
 * the unit's measurement layer (the tensor activation L1 reads), then the same cumulative mean
 * over the statistics steps — so it is the L1 statistic of the product a · ∂L/∂a.
 *
 * The gradient comes from the step's own backward pass: the layer's output is routed through an
 * identity with a custom gradient that sees ∂L/∂(output) — no extra forward or backward pass, one
 * element-wise product and a mean per observed layer per step. When the unit's own mask is in
 * force (a refresh inside its window), the factor is ∂L/∂(masked output) at the unmasked a: for a
 * kept channel that is ∂L/∂a itself, for a masked one the first-order estimate of putting it back,
 * so a masked channel can return at the next refresh, as with activation L1.
 */
class TaylorScorer extends ActivationStatisticsScorer {
  override tap(layer: string, x: tf.Tensor, mask?: tf.Tensor1D): tf.Tensor {
    const collector = this.collector;
    const passThrough = tf.customGrad((...args: unknown[]) => {
      const [a, save] = args as [tf.Tensor, tf.GradSaveFunc];
      save([a]);
      return {
        value: mask ? tf.mul(a, mask) : tf.clone(a),
        gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
          tf.tidy(() => collector.observe(layer, tf.mul(saved[0], dy)));
          return mask ? tf.mul(dy, mask) : dy;
        },
      };
    }) as (a: tf.Tensor) => tf.Tensor;
    return passThrough(x);
  }
}

export const createTaylorScorer: CreateScorer = ({ graph, combine }) =>
  new TaylorScorer(new ActivationCollector(graph, 'l1', combine));
