import type { DataSource } from '../core/data/source';
import { onnxAccuracyWith } from '../core/formats/onnx/onnx-eval';

/**
 * "Verify download" for an ONNX download: the exported bytes scored by onnxruntime-web, a
 * runtime independent of the lab's tfjs. Loaded on first use only (its wasm is megabytes); one
 * thread, so the page needs no cross-origin isolation.
 */
export async function onnxWebAccuracy(
  bytes: Uint8Array,
  source: DataSource,
  limit: number,
): Promise<{ accuracy: number; n: number }> {
  const ort = await import('onnxruntime-web/wasm');
  ort.env.wasm.numThreads = 1;
  const session = await ort.InferenceSession.create(bytes);
  try {
    return await onnxAccuracyWith(
      async (input, dims) => {
        const feeds = { [session.inputNames[0]]: new ort.Tensor('float32', input, dims) };
        return (await session.run(feeds))[session.outputNames[0]].data as Float32Array;
      },
      source,
      limit,
    );
  } finally {
    await session.release();
  }
}
