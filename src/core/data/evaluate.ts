import * as tf from '@tensorflow/tfjs';
import { LabError, throwIfAborted } from '../errors';
import { argmaxRows, imagePsnrs } from './metrics';
import type { DataSource, Split } from './source';

export interface EvalResult {
  metric: 'accuracy' | 'psnr';
  value: number;
  /** Number of examples scored. */
  n: number;
  /** Image-to-image only: PSNR of the input itself against the target (the "do nothing" baseline). */
  noisyPsnr?: number;
  /** Classification only: accuracy within each true class (NaN for a class with no example). */
  perClassAccuracy?: number[];
}

export interface EvalOptions {
  /** Score only the first `limit` examples of the split. */
  limit?: number;
  batchSize?: number;
  /** Checked before every batch: a cancel lands within one batch. */
  signal?: AbortSignal;
}

type Predict = (x: tf.Tensor) => tf.Tensor;

/**
 * Scores a model on a labelled split in batches: accuracy for classification, mean per-image
 * PSNR (metrics.ts) for image-to-image. `predict` must not dispose its input.
 */
export async function evaluateOnSource(
  predict: Predict,
  source: DataSource,
  split: Split,
  options: EvalOptions = {},
): Promise<EvalResult> {
  if (source.task === 'unlabelled') {
    throw new LabError(
      'UNSUPPORTED',
      `Data source "${source.id}" has no labels to evaluate against.`,
    );
  }
  const n = Math.min(options.limit ?? Infinity, source.size(split));
  if (!(n >= 1))
    throw new LabError(
      'OUT_OF_RANGE',
      `Evaluation needs at least one example (limit ${options.limit}).`,
    );
  const batchSize = options.batchSize ?? 250;
  const pixels = source.inputShape.reduce((a, b) => a * b, 1);
  let correct = 0;
  const classCorrect = new Array<number>(source.numClasses ?? 0).fill(0);
  const classTotal = new Array<number>(source.numClasses ?? 0).fill(0);
  let psnrSum = 0;
  let noisyPsnrSum = 0;
  for (let start = 0; start < n; start += batchSize) {
    throwIfAborted(options.signal);
    const indices = Array.from({ length: Math.min(batchSize, n - start) }, (_, k) => start + k);
    const { x, y } = source.batch(split, indices);
    const out = tf.tidy(() => predict(x));
    const [outData, yData] = await Promise.all([out.data(), y!.data()]);
    if (source.task === 'classification') {
      const predicted = argmaxRows(outData, source.numClasses!);
      const labels = argmaxRows(yData, source.numClasses!);
      predicted.forEach((p, k) => {
        const hit = p === labels[k] ? 1 : 0;
        correct += hit;
        classCorrect[labels[k]] += hit;
        classTotal[labels[k]]++;
      });
    } else {
      psnrSum += imagePsnrs(outData, yData, pixels).reduce((a, b) => a + b, 0);
      noisyPsnrSum += imagePsnrs(await x.data(), yData, pixels).reduce((a, b) => a + b, 0);
    }
    tf.dispose([x, y, out]);
  }
  if (source.task === 'classification') {
    const perClassAccuracy = classCorrect.map((c, k) => c / classTotal[k]);
    return { metric: 'accuracy', value: correct / n, n, perClassAccuracy };
  }
  return { metric: 'psnr', value: psnrSum / n, n, noisyPsnr: noisyPsnrSum / n };
}
