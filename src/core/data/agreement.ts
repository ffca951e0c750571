import * as tf from '@tensorflow/tfjs';
import { LabError, throwIfAborted } from '../errors';
import type { DataSource, Split } from './source';

export type Predict = (x: tf.Tensor) => tf.Tensor;

export interface AgreementResult {
  /** Fraction of examples whose top-1 class equals the reference model's top-1 class. */
  value: number;
  /** Examples scored. */
  n: number;
  split: Split;
}

/** Held-back images when there are any (the test split), else the training images. */
export function agreementSplit(source: DataSource): Split {
  return source.size('test') > 0 ? 'test' : 'train';
}

/**
 * Top-1 agreement of `predict` with `reference` (the original model) on the first `limit`
 * examples of the held-back split, `batchSize` at a time. Unlabelled data has nothing else to
 * score against; the run's report, the page's "after" card and "Verify download" all use it.
 */
export async function topOneAgreement(
  predict: Predict,
  reference: Predict,
  source: DataSource,
  opts: { limit?: number; batchSize: number; signal?: AbortSignal },
): Promise<AgreementResult> {
  const split = agreementSplit(source);
  const limit = opts.limit !== undefined && opts.limit > 0 ? opts.limit : Infinity;
  const n = Math.min(limit, source.size(split));
  if (n === 0)
    throw new LabError(
      'INVALID_DATA',
      `Data source "${source.id}" has no images to score agreement on; add images to the folder.`,
    );
  let same = 0;
  for (let start = 0; start < n; start += opts.batchSize) {
    throwIfAborted(opts.signal);
    const indices = Array.from(
      { length: Math.min(opts.batchSize, n - start) },
      (_, k) => start + k,
    );
    const { x, y } = source.batch(split, indices);
    const count = tf.tidy(() =>
      tf.sum(tf.equal(tf.argMax(predict(x), -1), tf.argMax(reference(x), -1))),
    );
    try {
      // Async reads: webgpu in a worker cannot read tensors synchronously.
      same += (await count.data())[0];
    } finally {
      tf.dispose([x, count, ...(y ? [y] : [])]);
    }
  }
  return { value: same / n, n, split };
}
