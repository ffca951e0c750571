import * as tf from '@tensorflow/tfjs';
import { LabError } from '../errors';

/**
 * Stops a training run that has diverged, before anything is exported from it. A run has
 * diverged when its loss is NaN or infinite, or when a weight is non-finite or has grown
 * more than GROWTH_LIMIT (100) × max(its largest magnitude at the start, 1). The second test
 * matters: the cross-entropy loss is clipped, so at a learning rate of 1e3 it stays finite
 * while Adam moves every weight by ≈ 1e3 per step. Ordinary fine-tuning (learning rates
 * ≤ 1e-2, a few thousand steps) moves weights by far less than 100 × max(|w|, 1).
 */
export const GROWTH_LIMIT = 100;

function diverged(step: number, phase: string, what: string): LabError {
  return new LabError(
    'TRAINING_DIVERGED',
    `Training diverged at step ${step + 1} of ${phase}: ${what}; try a lower learning rate.`,
  );
}

async function maxAbsOf(variables: [string, tf.Variable][]): Promise<Float32Array> {
  if (variables.length === 0) return new Float32Array(0);
  const stacked = tf.tidy(() => tf.stack(variables.map(([, v]) => tf.max(tf.abs(v)))));
  try {
    return (await stacked.data()) as Float32Array;
  } finally {
    stacked.dispose();
  }
}

export class DivergenceGuard {
  private constructor(
    private readonly variables: [string, tf.Variable][],
    private readonly phase: string,
    private readonly startMaxAbs: Float32Array,
  ) {}

  static async create(variables: [string, tf.Variable][], phase: string): Promise<DivergenceGuard> {
    return new DivergenceGuard(variables, phase, await maxAbsOf(variables));
  }

  /** Throws TRAINING_DIVERGED after step `step` (0-based) when the loss or a weight went wrong. */
  async check(step: number, loss: number): Promise<void> {
    if (!Number.isFinite(loss)) throw diverged(step, this.phase, `the loss is ${loss}`);
    const maxAbs = await maxAbsOf(this.variables);
    for (let i = 0; i < maxAbs.length; i++) {
      const name = this.variables[i][0];
      const from = this.startMaxAbs[i].toExponential(2);
      if (!Number.isFinite(maxAbs[i]))
        throw diverged(
          step,
          this.phase,
          `weight "${name}" holds NaN or infinite values (its largest magnitude was ${from})`,
        );
      const limit = GROWTH_LIMIT * Math.max(this.startMaxAbs[i], 1);
      if (maxAbs[i] > limit)
        throw diverged(
          step,
          this.phase,
          `weight "${name}" grew to ${maxAbs[i].toExponential(2)} in magnitude (from ${from})`,
        );
    }
  }
}
