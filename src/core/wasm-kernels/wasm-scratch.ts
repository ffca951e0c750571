import * as tf from '@tensorflow/tfjs';
import { LabError } from '../errors';

/**
 * The slice of tfjs-backend-wasm's `BackendWasm` these kernels touch. Kept structural so
 * that core never imports the wasm package (entry points register backends).
 */
export interface WasmBackendLike {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  disposeData(dataId: object): boolean;
  typedArrayFromHeap(info: tf.TensorInfo): Float32Array | Int32Array | Uint8Array;
}

type Attrs = Record<string, unknown>;
type Pair = [number, number];
export type ExplicitPad4D = [
  [number, number],
  [number, number],
  [number, number],
  [number, number],
];

/**
 * Runs the wasm backend's own kernel functions directly (no engine, no tape, no tensor
 * tracking) and frees every intermediate it produced except the result. Composing kernels
 * this way is how tfjs backends build one kernel from others.
 */
export class WasmScratch {
  private readonly owned: tf.TensorInfo[] = [];

  constructor(readonly backend: WasmBackendLike) {}

  run(kernelName: string, inputs: Record<string, tf.TensorInfo>, attrs: Attrs = {}): tf.TensorInfo {
    const kernel = tf.getKernel(kernelName, 'wasm');
    if (kernel == null)
      throw new LabError('UNSUPPORTED', `The wasm backend has no '${kernelName}' kernel.`);
    const out = kernel.kernelFunc({
      inputs,
      attrs: attrs as tf.NamedAttrMap,
      backend: this.backend as unknown as tf.KernelBackend,
    });
    return this.own(out as tf.TensorInfo);
  }

  /** Takes ownership of a buffer made outside `run` (e.g. by `backend.makeOutput`). */
  own(info: tf.TensorInfo): tf.TensorInfo {
    this.owned.push(info);
    return info;
  }

  /** Frees every owned buffer except `keep`, which the caller hands back to the engine. */
  disposeExcept(keep: tf.TensorInfo | undefined): void {
    for (const info of this.owned) if (info !== keep) this.backend.disposeData(info.dataId);
    this.owned.length = 0;
  }

  transpose(x: tf.TensorInfo, perm: number[]): tf.TensorInfo {
    return this.run('Transpose', { x }, { perm });
  }

  reshape(x: tf.TensorInfo, shape: number[]): tf.TensorInfo {
    return this.run('Reshape', { x }, { shape });
  }

  reverse(x: tf.TensorInfo, dims: number[]): tf.TensorInfo {
    return this.run('Reverse', { x }, { dims });
  }

  slice(x: tf.TensorInfo, begin: number[], size: number[]): tf.TensorInfo {
    return this.run('Slice', { x }, { begin, size });
  }

  sum(x: tf.TensorInfo, axis: number[]): tf.TensorInfo {
    return this.run('Sum', { x }, { axis, keepDims: false });
  }

  /** Stride-1 NHWC convolution with explicit padding (XNNPACK underneath). */
  conv2d(
    x: tf.TensorInfo,
    filter: tf.TensorInfo,
    pad: ExplicitPad4D,
    dilations: Pair = [1, 1],
  ): tf.TensorInfo {
    const attrs = {
      strides: [1, 1],
      pad,
      dataFormat: 'NHWC',
      dilations,
      dimRoundingMode: undefined,
    };
    return this.run('Conv2D', { x, filter }, attrs);
  }

  /** Stride-1 depthwise convolution with explicit padding (XNNPACK underneath). */
  depthwiseConv2d(
    x: tf.TensorInfo,
    filter: tf.TensorInfo,
    pad: ExplicitPad4D,
    dilations: Pair = [1, 1],
  ): tf.TensorInfo {
    const attrs = { strides: [1, 1], pad, dilations, dimRoundingMode: undefined };
    return this.run('DepthwiseConv2dNative', { x, filter }, attrs);
  }
}

/** Runs `body` with a scratch whose intermediates are freed on return and on throw. */
export function withWasmScratch(
  backend: WasmBackendLike,
  body: (s: WasmScratch) => tf.TensorInfo,
): tf.TensorInfo {
  const scratch = new WasmScratch(backend);
  let result: tf.TensorInfo | undefined;
  try {
    result = body(scratch);
    return result;
  } finally {
    scratch.disposeExcept(result);
  }
}

/**
 * Spreads an NHWC tensor apart by `strides`, filling the gaps with zeros:
 * out[n, i·sh, j·sw, c] = x[n, i, j, c], out shape [N, (H−1)·sh+1, (W−1)·sw+1, C].
 * A plain loop over the wasm heap: the data moved is small next to the convolution
 * that follows, and the generic PadV2 route is several times slower here.
 */
export function spreadWithZeros(s: WasmScratch, x: tf.TensorInfo, strides: Pair): tf.TensorInfo {
  const [sh, sw] = strides;
  if (sh === 1 && sw === 1) return x;
  const [n, h, w, c] = x.shape;
  const outH = (h - 1) * sh + 1;
  const outW = (w - 1) * sw + 1;
  const out = s.own(s.backend.makeOutput([n, outH, outW, c], 'float32'));
  // Views are taken after the allocation: growing the heap detaches older views.
  const src = s.backend.typedArrayFromHeap(x);
  const dst = s.backend.typedArrayFromHeap(out);
  dst.fill(0);
  let from = 0;
  for (let b = 0; b < n; b++) {
    for (let i = 0; i < h; i++) {
      let to = (b * outH + i * sh) * outW * c;
      for (let j = 0; j < w; j++, to += sw * c, from += c) {
        for (let k = 0; k < c; k++) dst[to + k] = src[from + k];
      }
    }
  }
  return out;
}
