import * as tf from '@tensorflow/tfjs';
import type { DataSource } from '../../data/source';

/**
 * Top-1 accuracy of an ONNX classifier run by an outside runtime (onnxruntime-node in tests,
 * onnxruntime-web in the page): the source's channels-last batches are handed over as NCHW.
 */
export type RunNchw = (input: Float32Array, nchw: number[]) => Promise<Float32Array>;

export const ONNX_EVAL_BATCH = 250;

export async function onnxAccuracyWith(
  run: RunNchw,
  source: DataSource,
  limit: number,
): Promise<{ accuracy: number; n: number }> {
  const [h, w, c] = source.inputShape;
  const n = limit > 0 ? Math.min(limit, source.size('test')) : source.size('test');
  let correct = 0;
  for (let start = 0; start < n; start += ONNX_EVAL_BATCH) {
    const indices = Array.from(
      { length: Math.min(ONNX_EVAL_BATCH, n - start) },
      (_, i) => start + i,
    );
    const batch = source.batch('test', indices);
    const nhwc = (await batch.x.data()) as Float32Array;
    const labelsT = tf.argMax(batch.y as tf.Tensor, -1);
    const labels = (await labelsT.data()) as Int32Array;
    tf.dispose([batch.x, batch.y as tf.Tensor, labelsT]);
    const logits = await run(nhwcToNchw(nhwc, [indices.length, h, w, c]), [
      indices.length,
      c,
      h,
      w,
    ]);
    const classes = logits.length / indices.length;
    for (let i = 0; i < indices.length; i++) {
      const row = logits.subarray(i * classes, (i + 1) * classes);
      let best = 0;
      for (let k = 1; k < classes; k++) if (row[k] > row[best]) best = k;
      if (best === labels[i]) correct++;
    }
  }
  return { accuracy: correct / n, n };
}

export function nhwcToNchw(x: Float32Array, [n, h, w, c]: number[]): Float32Array {
  const out = new Float32Array(x.length);
  for (let b = 0; b < n; b++)
    for (let p = 0; p < h * w; p++)
      for (let ch = 0; ch < c; ch++) out[(b * c + ch) * h * w + p] = x[(b * h * w + p) * c + ch];
  return out;
}
