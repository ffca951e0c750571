import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { createMnistSource, noisyPixels, parseMnistAsset, type MnistAsset } from './mnist';

const f32 = (values: number[]) => Array.from(Float32Array.from(values));

/** A 2+1 example asset of 2×2 images, in the same format as scripts/build-data.mjs writes. */
function tinyAssetBytes(
  overrides: { magic?: string; version?: number; labels?: number[] } = {},
): Uint8Array {
  const labels = overrides.labels ?? [3, 7, 9];
  const bytes = new Uint8Array(32 + 3 + 3 * 4);
  const view = new DataView(bytes.buffer);
  (overrides.magic ?? 'PLMN').split('').forEach((c, i) => (bytes[i] = c.charCodeAt(0)));
  [overrides.version ?? 1, 3, 2, 2, 2, 1, 5].forEach((v, k) => view.setUint32(4 + 4 * k, v, true));
  bytes.set(labels, 32);
  bytes.set([0, 255, 51, 102, 255, 0, 0, 0, 10, 20, 30, 40], 35);
  return bytes;
}

describe('parseMnistAsset', () => {
  it('reads the header, labels and pixels', () => {
    const asset = parseMnistAsset(tinyAssetBytes());
    expect([
      asset.count,
      asset.height,
      asset.width,
      asset.trainCount,
      asset.testCount,
      asset.splitSeed,
    ]).toEqual([3, 2, 2, 2, 1, 5]);
    expect(Array.from(asset.labels)).toEqual([3, 7, 9]);
    expect(asset.pixels.length).toBe(12);
  });

  it('rejects a wrong magic, version, length or label with INVALID_DATA', () => {
    expect(() => parseMnistAsset(tinyAssetBytes({ magic: 'XXXX' }))).toThrow(
      'MNIST asset: magic is "XXXX", expected "PLMN".',
    );
    expect(() => parseMnistAsset(tinyAssetBytes({ version: 2 }))).toThrow(
      'MNIST asset: version 2 is not supported (expected 1).',
    );
    expect(() => parseMnistAsset(tinyAssetBytes().subarray(0, 40))).toThrow(
      'MNIST asset: 40 bytes, expected 47 for 3 images of 2x2.',
    );
    expect(() => parseMnistAsset(new Uint8Array(8))).toThrow(
      'MNIST asset: 8 bytes is shorter than the 32-byte header.',
    );
    expect(() => parseMnistAsset(tinyAssetBytes({ labels: [3, 12, 1] }))).toThrow(
      'MNIST asset: label 12 of example 1 is not a digit 0–9.',
    );
    try {
      parseMnistAsset(new Uint8Array(8));
    } catch (e) {
      expect((e as { code: string }).code).toBe('INVALID_DATA');
    }
  });
});

describe('createMnistSource', () => {
  const asset: MnistAsset = parseMnistAsset(tinyAssetBytes());

  it('gives [B,H,W,1] pixels in [0,1] and one-hot labels for classification', async () => {
    const before = tf.memory().numTensors;
    const source = createMnistSource(asset);
    expect([source.id, source.task, source.size('train'), source.size('test')]).toEqual([
      'mnist',
      'classification',
      2,
      1,
    ]);
    const { x, y } = source.batch('train', [1, 0]);
    expect(x.shape).toEqual([2, 2, 2, 1]);
    expect(Array.from(await x.data())).toEqual(f32([1, 0, 0, 0, 0, 1, 0.2, 0.4]));
    expect(y!.shape).toEqual([2, 10]);
    const predicted = tf.argMax(y!, 1);
    expect(Array.from(await predicted.data())).toEqual([7, 3]);
    tf.dispose([x, y!, predicted]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('maps test indices after the train split and rejects out-of-range indices', async () => {
    const { x, y } = createMnistSource(asset).batch('test', [0]);
    expect(Array.from(await tf.argMax(y!, 1).data())).toEqual([9]);
    expect(Array.from(await x.data()).map((v) => Math.round(v * 255))).toEqual([10, 20, 30, 40]);
    tf.dispose([x, y!]);
    expect(() => createMnistSource(asset).batch('test', [1])).toThrow(
      'MNIST test index 1 is outside 0..0.',
    );
  });

  it('noisy view: x = clipped noisy pixels, y = clean, same noise on every call', async () => {
    const source = createMnistSource(asset, { noisy: true, sigma: 0.5 });
    expect([source.id, source.task]).toEqual(['mnist-noisy', 'image-to-image']);
    const a = source.batch('train', [0, 1]);
    const b = source.batch('train', [1]);
    const ax = await a.x.data();
    expect(Array.from(await a.y!.data())).toEqual(f32([0, 1, 0.2, 0.4, 1, 0, 0, 0]));
    expect(Array.from(ax).every((v) => v >= 0 && v <= 1)).toBe(true);
    // Example 1's noise does not depend on the batch it is drawn in.
    expect(Array.from(await b.x.data())).toEqual(Array.from(ax.slice(4)));
    expect(Array.from(ax.slice(0, 4))).not.toEqual(f32([0, 1, 0.2, 0.4]));
    tf.dispose([a.x, a.y!, b.x, b.y!]);
  });

  it('noise with sigma 0 returns the clean pixels', () => {
    expect(Array.from(noisyPixels(asset, 'train', [0], 0, 1))).toEqual(f32([0, 1, 0.2, 0.4]));
  });
});
