import * as tf from '@tensorflow/tfjs';
import type { Batch, DataSource, Split, TaskKind } from '../data/source';
import { createRng } from '../random';

/**
 * A tiny separable data set for tests and smoke runs: 8×8×1 noise images where class 0
 * has a brighter left half and class 1 a brighter right half. As 'image-to-image' the
 * target is the clean (noise-free) image; as 'unlabelled' there is no y.
 */
const SIDE = 8;

function makeImages(
  count: number,
  seed: number,
): { clean: Float32Array; noisy: Float32Array; labels: Int32Array } {
  const rng = createRng(seed);
  const pixels = SIDE * SIDE;
  const clean = new Float32Array(count * pixels);
  const noisy = new Float32Array(count * pixels);
  const labels = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    labels[i] = i % 2;
    for (let p = 0; p < pixels; p++) {
      const leftHalf = p % SIDE < SIDE / 2;
      const bright = leftHalf === (labels[i] === 0);
      clean[i * pixels + p] = bright ? 0.7 : 0.3;
      noisy[i * pixels + p] = clean[i * pixels + p] + (rng() - 0.5) * 0.4;
    }
  }
  return { clean, noisy, labels };
}

export function syntheticSource(
  opts: { task?: TaskKind; train?: number; test?: number; seed?: number } = {},
): DataSource {
  const task = opts.task ?? 'classification';
  const counts: Record<Split, number> = { train: opts.train ?? 64, test: opts.test ?? 32 };
  const data = {
    train: makeImages(counts.train, opts.seed ?? 1),
    test: makeImages(counts.test, (opts.seed ?? 1) + 1000),
  };
  const pixels = SIDE * SIDE;
  const pick = (src: Float32Array, indices: number[]) => {
    const out = new Float32Array(indices.length * pixels);
    indices.forEach((idx, j) =>
      out.set(src.subarray(idx * pixels, (idx + 1) * pixels), j * pixels),
    );
    return tf.tensor4d(out, [indices.length, SIDE, SIDE, 1]);
  };
  return {
    id: `synthetic-${task}`,
    task,
    inputShape: [SIDE, SIDE, 1],
    numClasses: task === 'classification' ? 2 : undefined,
    size: (split) => counts[split],
    batch(split, indices): Batch {
      const d = data[split];
      const x = pick(d.noisy, indices);
      if (task === 'unlabelled') return { x };
      if (task === 'image-to-image') return { x, y: pick(d.clean, indices) };
      const y = tf.tidy(() =>
        tf
          .oneHot(
            tf.tensor1d(
              indices.map((i) => d.labels[i]),
              'int32',
            ),
            2,
          )
          .toFloat(),
      );
      return { x, y };
    },
  };
}
