import * as ort from 'onnxruntime-node';
import * as tf from '@tensorflow/tfjs';
import { buildLayersModel } from '../../core/model/tf-bridge';
import type { ModelSpec } from '../../core/model/spec';
import type { DataSource } from '../../core/data/source';
import { onnxAccuracyWith } from '../../core/formats/onnx/onnx-eval';

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

/** Top-1 accuracy of an .onnx classifier on the first `limit` test examples, by onnxruntime-node. */
export async function onnxAccuracy(
  bytes: Uint8Array,
  source: DataSource,
  limit: number,
): Promise<{ accuracy: number; n: number }> {
  const session = await ort.InferenceSession.create(bytes);
  try {
    return await onnxAccuracyWith(
      async (input, nchw) => {
        const feeds = { [session.inputNames[0]]: new ort.Tensor('float32', input, nchw) };
        return (await session.run(feeds))[session.outputNames[0]].data as Float32Array;
      },
      source,
      limit,
    );
  } finally {
    await session.release();
  }
}
