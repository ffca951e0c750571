import * as ort from 'onnxruntime-node';
import * as tf from '@tensorflow/tfjs';
import { buildLayersModel } from '../../core/model/tf-bridge';
import type { ModelSpec } from '../../core/model/spec';
import type { DataSource } from '../../core/data/source';

/** Test helpers: run an .onnx with onnxruntime-node, and the lab's model on the same NCHW input. */
export async function runOnnxRuntime(
  bytes: Uint8Array,
  input: Float32Array,
  nchw: number[],
): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(bytes);
  try {
    const feeds = { [session.inputNames[0]]: new ort.Tensor('float32', input, nchw) };
    const out = await session.run(feeds);
    return out[session.outputNames[0]].data as Float32Array;
  } finally {
    await session.release();
  }
}

/** NCHW values → NHWC values (rank 2 input passes through). */
export function nchwToNhwc(input: Float32Array, nchw: number[]): Float32Array {
  if (nchw.length !== 4) return input;
  const [n, c, h, w] = nchw;
  const out = new Float32Array(input.length);
  for (let b = 0; b < n; b++)
    for (let ch = 0; ch < c; ch++)
      for (let p = 0; p < h * w; p++)
        out[(b * h * w + p) * c + ch] = input[(b * c + ch) * h * w + p];
  return out;
}

export async function runLab(
  spec: ModelSpec,
  input: Float32Array,
  nchw: number[],
): Promise<Float32Array> {
  const model = await buildLayersModel(spec);
  const shape = nchw.length === 4 ? [nchw[0], nchw[2], nchw[3], nchw[1]] : nchw;
  const x = tf.tensor(nchwToNhwc(input, nchw), shape);
  const y = model.predict(x) as tf.Tensor;
  // A 4-D output is compared in ONNX's NCHW order.
  const channelsFirst = y.rank === 4 ? tf.transpose(y, [0, 3, 1, 2]) : y;
  const data = (await channelsFirst.data()) as Float32Array;
  tf.dispose([x, y, channelsFirst]);
  model.dispose();
  return data;
}

/** max |a − b| / max |b|. */
export function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < b.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return diff / scale;
}

/** Top-1 accuracy of an .onnx classifier on the first `limit` test examples of a source. */
export async function onnxAccuracy(
  bytes: Uint8Array,
  source: DataSource,
  limit: number,
): Promise<{ accuracy: number; n: number }> {
  const session = await ort.InferenceSession.create(bytes);
  const [h, w, c] = source.inputShape;
  let correct = 0;
  const n = Math.min(limit, source.size('test'));
  try {
    for (let start = 0; start < n; start += 250) {
      const indices = Array.from({ length: Math.min(250, n - start) }, (_, i) => start + i);
      const batch = source.batch('test', indices);
      const nhwc = (await batch.x.data()) as Float32Array;
      const labels = (await (batch.y as tf.Tensor).argMax(-1).data()) as Int32Array;
      tf.dispose([batch.x, batch.y as tf.Tensor]);
      const nchw = nhwcToNchw(nhwc, [indices.length, h, w, c]);
      const feeds = {
        [session.inputNames[0]]: new ort.Tensor('float32', nchw, [indices.length, c, h, w]),
      };
      const logits = (await session.run(feeds))[session.outputNames[0]].data as Float32Array;
      const classes = logits.length / indices.length;
      for (let i = 0; i < indices.length; i++) {
        const row = logits.subarray(i * classes, (i + 1) * classes);
        if (row.indexOf(Math.max(...row)) === labels[i]) correct++;
      }
    }
  } finally {
    await session.release();
  }
  return { accuracy: correct / n, n };
}

function nhwcToNchw(x: Float32Array, [n, h, w, c]: number[]): Float32Array {
  const out = new Float32Array(x.length);
  for (let b = 0; b < n; b++)
    for (let p = 0; p < h * w; p++)
      for (let ch = 0; ch < c; ch++) out[(b * c + ch) * h * w + p] = x[(b * h * w + p) * c + ch];
  return out;
}
