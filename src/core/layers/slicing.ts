import type { WeightTensor } from '../model/spec';

/**
 * Keeps the given indices (ascending, original numbering) along one axis of a weight tensor.
 * Pure: returns a new tensor. Used by every layer descriptor, so kernels, biases and
 * normalization vectors are all cut the same way.
 */
export function sliceAxis(
  weight: WeightTensor,
  axis: number,
  kept: readonly number[],
): WeightTensor {
  const shape = weight.shape;
  if (axis < 0 || axis >= shape.length) {
    throw new Error(`Axis ${axis} is out of range for a weight of shape [${shape.join(', ')}].`);
  }
  const outer = shape.slice(0, axis).reduce((a, b) => a * b, 1);
  const inner = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const size = shape[axis];
  const data = new Float32Array(outer * kept.length * inner);
  let dst = 0;
  for (let o = 0; o < outer; o++) {
    const base = o * size * inner;
    for (const k of kept) {
      const src = base + k * inner;
      data.set(weight.data.subarray(src, src + inner), dst);
      dst += inner;
    }
  }
  const newShape = shape.slice();
  newShape[axis] = kept.length;
  return { shape: newShape, data };
}

/** Input channel c of a depthwise stage with multiplier m feeds outputs c·m … c·m+m−1. */
export function expandByMultiplier(kept: readonly number[], multiplier: number): number[] {
  if (multiplier === 1) return kept.slice();
  const out: number[] = [];
  for (const c of kept) for (let j = 0; j < multiplier; j++) out.push(c * multiplier + j);
  return out;
}
