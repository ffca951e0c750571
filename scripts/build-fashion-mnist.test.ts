import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import {
  encodeFashionAsset,
  FASHION_ASSET_PATH,
  paethFilter,
  TRAIN_PER_CLASS,
} from './build-fashion-mnist.mjs';
import { createRng } from '../src/core/random';
import { LabError } from '../src/core/errors';
import {
  createFashionSource,
  decodeFashionAsset,
  unfilterPaeth,
} from '../src/core/data/fashion-mnist';
import { splitLabels } from '../src/core/data/mnist';

const DEBIAN_TEST_IMAGES = '/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz';

function classCounts(labels: Uint8Array): number[] {
  const counts = new Array<number>(10).fill(0);
  for (const l of labels) counts[l]++;
  return counts;
}

describe('Fashion-MNIST asset', () => {
  const asset = decodeFashionAsset(new Uint8Array(readFileSync(FASHION_ASSET_PATH)));

  it('holds a class-balanced 10,000-image train subset and the 10,000-image test set', () => {
    expect([asset.count, asset.trainCount, asset.testCount]).toEqual([20000, 10000, 10000]);
    expect([asset.height, asset.width]).toEqual([28, 28]);
    expect(classCounts(splitLabels(asset, 'train'))).toEqual(new Array(10).fill(TRAIN_PER_CLASS));
    expect(classCounts(splitLabels(asset, 'test'))).toEqual(new Array(10).fill(1000));
  });

  it.skipIf(!existsSync(DEBIAN_TEST_IMAGES))(
    'decodes the test images byte for byte as Debian ships them',
    () => {
      const debian = gunzipSync(readFileSync(DEBIAN_TEST_IMAGES)).subarray(16);
      const ours = asset.pixels.subarray(asset.trainCount * 784);
      expect(ours.length).toBe(debian.length);
      expect(Buffer.compare(Buffer.from(ours), debian)).toBe(0);
    },
  );

  it('the Paeth filter round-trips any pixels', () => {
    const rng = createRng(7);
    const pixels = Uint8Array.from({ length: 3 * 28 * 28 }, () => Math.floor(rng() * 256));
    const filtered = paethFilter(pixels, 28, 28);
    expect(filtered).not.toEqual(pixels);
    unfilterPaeth(filtered, 28, 28);
    expect(filtered).toEqual(pixels);
  });

  it('gives one-hot batches under the fashion-mnist id', () => {
    const before = tf.memory().numTensors;
    const source = createFashionSource(asset);
    const { x, y } = source.batch('test', [0, 1, 2]);
    expect([source.id, source.task, source.numClasses]).toEqual([
      'fashion-mnist',
      'classification',
      10,
    ]);
    expect(x.shape).toEqual([3, 28, 28, 1]);
    expect(y!.shape).toEqual([3, 10]);
    tf.dispose([x, y!]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it.each([
    [
      new Uint8Array([80, 76, 77, 78, 1, 0, 0, 0]),
      'Fashion-MNIST asset: magic is "PLMN", expected "PLMZ".',
    ],
    [
      new Uint8Array([80, 76, 77, 90, 2, 0, 0, 0]),
      'Fashion-MNIST asset: version 2 is not supported (expected 1).',
    ],
    [
      new Uint8Array([80, 76, 77, 90, 1, 0, 0, 0, 9, 9, 9]),
      'Fashion-MNIST asset: the compressed payload is corrupt.',
    ],
  ])('refuses a bad file', (bytes, message) => {
    expect(() => decodeFashionAsset(bytes)).toThrow(new LabError('INVALID_DATA', message));
  });

  it('the script’s encoding decodes to the same asset', () => {
    const small = new Uint8Array(32 + 2 + 2 * 784);
    small.set([80, 76, 77, 78], 0);
    const view = new DataView(small.buffer);
    [1, 2, 28, 28, 1, 1, 0].forEach((v, k) => view.setUint32(4 + 4 * k, v, true));
    small[32] = 3;
    small[33] = 9;
    for (let i = 0; i < 2 * 784; i++) small[34 + i] = (i * 37) % 256;
    const decoded = decodeFashionAsset(encodeFashionAsset(small));
    expect(decoded.pixels).toEqual(small.subarray(34));
    expect(Array.from(decoded.labels)).toEqual([3, 9]);
  });
});
