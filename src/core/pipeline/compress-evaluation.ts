import * as tf from '@tensorflow/tfjs';
import { topOneAgreement } from '../data/agreement';
import { evaluateOnSource } from '../data/evaluate';
import type { DataSource } from '../data/source';
import { evalBatchSize } from '../limits/memory-plan';
import { countParams, type ModelSpec } from '../model/spec';
import type { CompressConfig } from './compress-config';

/** Metric and size of a model, before or after compression. */
export interface ModelSnapshot {
  metric: string;
  value: number;
  n: number;
  params: number;
  /** float32 weights: params × 4. */
  weightBytes: number;
  /** Classification: accuracy within each class, in label order (NaN: no example). */
  perClassAccuracy?: number[];
}

export type Predict = (x: tf.Tensor) => tf.Tensor;

/** Largest |masked output − pruned output| over `n` examples: surgery must be exact (≈1e-6). */
export interface SurgeryCheck {
  maxAbsOutputDiff: number;
  n: number;
}

function evalSplit(source: DataSource): 'train' | 'test' {
  return source.size('test') > 0 ? 'test' : 'train';
}

/**
 * Accuracy / PSNR on the test split (train when there is none); for unlabelled data, top-1
 * agreement with the original model (`reference`), the only thing there is to score.
 */
export async function snapshot(
  spec: ModelSpec,
  predict: Predict,
  source: DataSource,
  config: CompressConfig,
  reference?: Predict,
): Promise<ModelSnapshot> {
  const params = countParams(spec);
  const size = { params, weightBytes: params * 4 };
  if (source.task === 'unlabelled') {
    const limit = config.evalLimit ?? 1000;
    if (!reference) {
      return {
        metric: 'agreement',
        value: 1,
        n: Math.min(limit, source.size(evalSplit(source))),
        ...size,
      };
    }
    const r = await topOneAgreement(predict, reference, source, {
      limit,
      batchSize: evalBatchSize(spec),
    });
    return { metric: 'agreement', value: r.value, n: r.n, ...size };
  }
  const r = await evaluateOnSource(predict, source, evalSplit(source), {
    limit: config.evalLimit,
    // 256 for the demos; a MobileNet-sized model gets a few examples per forward (memory plan).
    batchSize: evalBatchSize(spec),
  });
  const perClass = r.perClassAccuracy && { perClassAccuracy: r.perClassAccuracy };
  return { metric: r.metric, value: r.value, n: r.n, ...size, ...perClass };
}

/** The first `n` examples of the evaluation split, `batchSize` at a time (memory stays bounded). */
async function forEachChunk(
  source: DataSource,
  n: number,
  batchSize: number,
  work: (x: tf.Tensor) => Promise<void>,
): Promise<void> {
  for (let start = 0; start < n; start += batchSize) {
    const indices = Array.from({ length: Math.min(batchSize, n - start) }, (_, i) => start + i);
    const { x, y } = source.batch(evalSplit(source), indices);
    try {
      await work(x);
    } finally {
      tf.dispose([x, ...(y ? [y] : [])]);
    }
  }
}

export async function compareOutputs(
  a: Predict,
  b: Predict,
  source: DataSource,
  batchSize = 64,
): Promise<SurgeryCheck> {
  const n = Math.min(64, source.size(evalSplit(source)));
  let maxAbsOutputDiff = 0;
  await forEachChunk(source, n, batchSize, async (x) => {
    const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(a(x), b(x)))));
    try {
      maxAbsOutputDiff = Math.max(maxAbsOutputDiff, (await diff.data())[0]);
    } finally {
      diff.dispose();
    }
  });
  return { maxAbsOutputDiff, n };
}
