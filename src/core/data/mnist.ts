import * as tf from '@tensorflow/tfjs';
import { LabError } from '../errors';
import type { Batch, DataSource, Split } from './source';
import { createRng } from '../random';
import { addClippedGaussianNoise, exampleSeed } from './seeded-noise';

/**
 * The MNIST asset built by scripts/build-data.mjs (format in docs/data.md):
 * a 32-byte little-endian header, labels uint8[N], pixels uint8[N·H·W]; the first
 * `trainCount` examples are the train split, the next `testCount` the test split.
 */
export interface MnistAsset {
  count: number;
  height: number;
  width: number;
  trainCount: number;
  testCount: number;
  splitSeed: number;
  labels: Uint8Array;
  pixels: Uint8Array;
}

export const MNIST_ASSET_MAGIC = 'PLMN';
export const MNIST_ASSET_VERSION = 1;
const HEADER_BYTES = 32;
export const MNIST_NUM_CLASSES = 10;
/** σ of the noisy view (pixels in [0, 1]); noisy pixels are clipped to [0, 1]. */
export const MNIST_NOISE_SIGMA = 0.3;
export const MNIST_NOISE_SEED = 4242;

function invalid(what: string): LabError {
  return new LabError('INVALID_DATA', `MNIST asset: ${what}.`);
}

export function parseMnistAsset(bytes: Uint8Array): MnistAsset {
  if (bytes.length < HEADER_BYTES)
    throw invalid(`${bytes.length} bytes is shorter than the ${HEADER_BYTES}-byte header`);
  const magic = String.fromCharCode(bytes[0], bytes[1], bytes[2], bytes[3]);
  if (magic !== MNIST_ASSET_MAGIC)
    throw invalid(`magic is "${magic}", expected "${MNIST_ASSET_MAGIC}"`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u32 = (k: number) => view.getUint32(4 + 4 * k, true);
  const [version, count, height, width, trainCount, testCount, splitSeed] = [
    0, 1, 2, 3, 4, 5, 6,
  ].map(u32);
  if (version !== MNIST_ASSET_VERSION)
    throw invalid(`version ${version} is not supported (expected ${MNIST_ASSET_VERSION})`);
  if (trainCount + testCount !== count)
    throw invalid(`train ${trainCount} + test ${testCount} does not equal count ${count}`);
  const expected = HEADER_BYTES + count + count * height * width;
  if (bytes.length !== expected)
    throw invalid(
      `${bytes.length} bytes, expected ${expected} for ${count} images of ${height}x${width}`,
    );
  const labels = bytes.subarray(HEADER_BYTES, HEADER_BYTES + count);
  const badLabel = labels.findIndex((l) => l >= MNIST_NUM_CLASSES);
  if (badLabel >= 0)
    throw invalid(`label ${labels[badLabel]} of example ${badLabel} is not a digit 0–9`);
  const pixels = bytes.subarray(HEADER_BYTES + count);
  return { count, height, width, trainCount, testCount, splitSeed, labels, pixels };
}

/** Index of a split's example within the whole asset. */
export function assetIndex(asset: MnistAsset, split: Split, index: number): number {
  const size = split === 'train' ? asset.trainCount : asset.testCount;
  if (!Number.isInteger(index) || index < 0 || index >= size) {
    throw new LabError(
      'INVALID_ARGUMENT',
      `MNIST ${split} index ${index} is outside 0..${size - 1}.`,
    );
  }
  return split === 'train' ? index : asset.trainCount + index;
}

export function splitLabels(asset: MnistAsset, split: Split): Uint8Array {
  return split === 'train'
    ? asset.labels.subarray(0, asset.trainCount)
    : asset.labels.subarray(asset.trainCount);
}

/** Clean pixels of the given examples as float32 in [0, 1], [n·H·W] row-major. */
export function cleanPixels(asset: MnistAsset, split: Split, indices: number[]): Float32Array {
  const size = asset.height * asset.width;
  const out = new Float32Array(indices.length * size);
  indices.forEach((index, n) => {
    const start = assetIndex(asset, split, index) * size;
    for (let p = 0; p < size; p++) out[n * size + p] = asset.pixels[start + p] / 255;
  });
  return out;
}

/** Noisy pixels: the noise of an example depends only on (seed, its asset index). */
export function noisyPixels(
  asset: MnistAsset,
  split: Split,
  indices: number[],
  sigma: number,
  seed: number,
): Float32Array {
  const size = asset.height * asset.width;
  const clean = cleanPixels(asset, split, indices);
  const out = new Float32Array(clean.length);
  indices.forEach((index, n) => {
    const random = createRng(exampleSeed(seed, assetIndex(asset, split, index)));
    addClippedGaussianNoise(clean.subarray(n * size, (n + 1) * size), sigma, random, out, n * size);
  });
  return out;
}

export interface MnistSourceOptions {
  /** The 'mnist-noisy' image-to-image view: x noisy, y clean. */
  noisy?: boolean;
  sigma?: number;
  noiseSeed?: number;
}

export function createMnistSource(asset: MnistAsset, options: MnistSourceOptions = {}): DataSource {
  const noisy = options.noisy ?? false;
  const sigma = options.sigma ?? MNIST_NOISE_SIGMA;
  const seed = options.noiseSeed ?? MNIST_NOISE_SEED;
  if (!(sigma >= 0))
    throw new LabError('INVALID_ARGUMENT', `Noise sigma ${sigma} must be a number ≥ 0.`);
  const inputShape = [asset.height, asset.width, 1];
  const images = (pixels: Float32Array, n: number) =>
    tf.tensor4d(pixels, [n, asset.height, asset.width, 1]);
  return {
    id: noisy ? 'mnist-noisy' : 'mnist',
    task: noisy ? 'image-to-image' : 'classification',
    inputShape,
    numClasses: noisy ? undefined : MNIST_NUM_CLASSES,
    size: (split) => (split === 'train' ? asset.trainCount : asset.testCount),
    batch(split: Split, indices: number[]): Batch {
      const clean = images(cleanPixels(asset, split, indices), indices.length);
      if (noisy)
        return {
          x: images(noisyPixels(asset, split, indices, sigma, seed), indices.length),
          y: clean,
        };
      const labels = Int32Array.from(indices, (i) => asset.labels[assetIndex(asset, split, i)]);
      const y = tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), MNIST_NUM_CLASSES).toFloat());
      return { x: clean, y };
    },
  };
}
