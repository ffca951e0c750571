import * as tf from '@tensorflow/tfjs';
import { evaluateOnSource } from '../data/evaluate';
import type { DataSource } from '../data/source';
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
    const n = Math.min(config.evalLimit ?? 1000, source.size(evalSplit(source)));
    const value = reference ? await agreementOnSource(predict, reference, source, n) : 1;
    return { metric: 'agreement', value, n, ...size };
  }
  const r = await evaluateOnSource(predict, source, evalSplit(source), {
    limit: config.evalLimit,
    batchSize: 256,
  });
  return { metric: r.metric, value: r.value, n: r.n, ...size };
}

async function agreementOnSource(
  predict: Predict,
  reference: Predict,
  source: DataSource,
  n: number,
): Promise<number> {
  const { x, y } = source.batch(
    evalSplit(source),
    Array.from({ length: n }, (_, i) => i),
  );
  const same = tf.tidy(() =>
    tf.sum(tf.equal(tf.argMax(predict(x), -1), tf.argMax(reference(x), -1))),
  );
  try {
    // Async reads: webgpu in a worker cannot read tensors synchronously.
    return (await same.data())[0] / n;
  } finally {
    tf.dispose([x, same, ...(y ? [y] : [])]);
  }
}

export async function compareOutputs(
  a: Predict,
  b: Predict,
  source: DataSource,
): Promise<SurgeryCheck> {
  const n = Math.min(64, source.size(evalSplit(source)));
  const { x, y } = source.batch(
    evalSplit(source),
    Array.from({ length: n }, (_, i) => i),
  );
  const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(a(x), b(x)))));
  try {
    return { maxAbsOutputDiff: (await diff.data())[0], n };
  } finally {
    tf.dispose([x, diff, ...(y ? [y] : [])]);
  }
}
