import * as tf from '@tensorflow/tfjs';
import { argmaxRows, imagePsnrs } from '../data/metrics';
import type { DataSource, Split } from '../data/source';
import { LabError } from '../errors';
import type { ForwardOptions, ModelExecutor } from '../exec/executor';

/**
 * Scores an executor on the first `limit` examples of a split, in order (no shuffling,
 * so two models are compared on the same examples):
 * - classification → accuracy (argmax of output vs argmax of the one-hot label);
 * - image-to-image → mean per-image PSNR, peak 1 (data/metrics.ts convention);
 * - unlabelled → agreement of argmax with the `reference` executor (the original model).
 */
export type EvalMetric = 'accuracy' | 'psnr' | 'agreement';

export interface EvaluateOptions {
  split: Split;
  limit?: number;
  batchSize: number;
  forward?: Omit<ForwardOptions, 'training'>;
  reference?: ModelExecutor;
}

export interface EvaluateResult {
  metric: EvalMetric;
  value: number;
  n: number;
}

function exampleCount(
  source: DataSource,
  split: Split,
  limit: number | undefined,
  batchSize: number,
): number {
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new LabError(
      'OUT_OF_RANGE',
      `The batch size must be a positive integer, not ${batchSize}.`,
    );
  }
  const n = Math.min(source.size(split), limit ?? Infinity);
  if (n < 1)
    throw new LabError(
      'INVALID_DATA',
      `Data source "${source.id}" has no examples in its ${split} split to evaluate.`,
    );
  return n;
}

/** Calls `visit` per batch of the first n examples; batch tensors are disposed afterwards. */
function forEachBatch(
  source: DataSource,
  split: Split,
  n: number,
  batchSize: number,
  visit: (x: tf.Tensor, y: tf.Tensor | undefined) => void,
): void {
  for (let start = 0; start < n; start += batchSize) {
    const indices = Array.from({ length: Math.min(batchSize, n - start) }, (_, i) => start + i);
    const batch = source.batch(split, indices);
    try {
      visit(batch.x, batch.y);
    } finally {
      batch.x.dispose();
      batch.y?.dispose();
    }
  }
}

/** Outputs of the first `limit` examples, concatenated along the batch axis (caller disposes). */
export function predictAll(
  executor: ModelExecutor,
  source: DataSource,
  opts: {
    split: Split;
    limit?: number;
    batchSize: number;
    forward?: Omit<ForwardOptions, 'training'>;
  },
): tf.Tensor {
  const n = exampleCount(source, opts.split, opts.limit, opts.batchSize);
  const parts: tf.Tensor[] = [];
  try {
    forEachBatch(source, opts.split, n, opts.batchSize, (x) => {
      parts.push(executor.forward(x, { ...opts.forward, training: false }));
    });
    return parts.length === 1 ? parts[0] : tf.concat(parts, 0);
  } finally {
    if (parts.length > 1) tf.dispose(parts);
  }
}

/** Async reads: webgpu in a worker cannot read tensors synchronously. */
async function scoreBatch(
  task: DataSource['task'],
  output: tf.Tensor,
  y: tf.Tensor | undefined,
  reference: tf.Tensor | undefined,
): Promise<number> {
  const rows = output.shape[0];
  if (task === 'image-to-image') {
    const [outData, yData] = await Promise.all([output.data(), y!.data()]);
    const psnrs = imagePsnrs(outData, yData, output.size / rows);
    return psnrs.reduce((s, v) => s + v, 0);
  }
  const classes = output.shape[output.rank - 1];
  const [outData, truthData] = await Promise.all([
    output.data(),
    (task === 'classification' ? y! : reference!).data(),
  ]);
  const predicted = argmaxRows(outData, classes);
  const truth = argmaxRows(truthData, classes);
  return predicted.reduce((s, p, i) => s + (p === truth[i] ? 1 : 0), 0);
}

function metricFor(source: DataSource, reference: ModelExecutor | undefined): EvalMetric {
  if (source.task === 'classification') return 'accuracy';
  if (source.task === 'image-to-image') return 'psnr';
  if (!reference) {
    throw new LabError(
      'INVALID_DATA',
      `Data source "${source.id}" is unlabelled: evaluation needs the original model as a reference.`,
    );
  }
  return 'agreement';
}

export async function evaluate(
  executor: ModelExecutor,
  source: DataSource,
  opts: EvaluateOptions,
): Promise<EvaluateResult> {
  const metric = metricFor(source, opts.reference);
  const n = exampleCount(source, opts.split, opts.limit, opts.batchSize);
  let total = 0;
  for (let start = 0; start < n; start += opts.batchSize) {
    const indices = Array.from(
      { length: Math.min(opts.batchSize, n - start) },
      (_, i) => start + i,
    );
    const { x, y } = source.batch(opts.split, indices);
    let scored: tf.Tensor[] = [];
    try {
      if (metric !== 'agreement' && !y) {
        throw new LabError(
          'INVALID_DATA',
          `Data source "${source.id}" returned a batch without labels.`,
        );
      }
      scored = tf.tidy(() => [
        executor.forward(x, { ...opts.forward, training: false }),
        ...(metric === 'agreement' ? [opts.reference!.forward(x, { training: false })] : []),
      ]);
      total += await scoreBatch(source.task, scored[0], y, scored[1]);
    } finally {
      tf.dispose([x, ...(y ? [y] : []), ...scored]);
    }
  }
  return { metric, value: total / n, n };
}
