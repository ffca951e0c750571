import { describe, expect, it } from 'vitest';
import { buildMnistAsset, SPLIT_SEED } from '../../scripts/build-data.mjs';
import { parseMnistAsset, splitLabels } from '../core/data/mnist';
import { loadMnistAsset, loadMnistSource } from './mnist-node';

function countPerClass(labels: Uint8Array): number[] {
  const counts = new Array(10).fill(0);
  labels.forEach((l) => counts[l]++);
  return counts;
}

describe('the generated MNIST asset', () => {
  const asset = loadMnistAsset();

  it('holds 8,000 train and 2,000 test digits of 28×28', () => {
    expect([
      asset.count,
      asset.trainCount,
      asset.testCount,
      asset.height,
      asset.width,
      asset.splitSeed,
    ]).toEqual([10000, 8000, 2000, 28, 28, SPLIT_SEED]);
  });

  it('has exactly 200 test digits per class and the rest of each class in train', () => {
    expect(countPerClass(splitLabels(asset, 'test'))).toEqual(new Array(10).fill(200));
    // The mnist package holds 1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978 digits per class.
    expect(countPerClass(splitLabels(asset, 'train'))).toEqual([
      801, 927, 791, 832, 780, 663, 814, 870, 744, 778,
    ]);
  });

  it('interleaves classes: the first 100 test digits cover all ten', () => {
    expect(new Set(splitLabels(asset, 'test').subarray(0, 100)).size).toBe(10);
  });

  it('is rebuilt byte for byte identical (seeded split)', () => {
    const rebuilt = buildMnistAsset();
    const again = parseMnistAsset(rebuilt);
    expect(Buffer.compare(Buffer.from(again.labels), Buffer.from(asset.labels))).toBe(0);
    expect(Buffer.compare(Buffer.from(again.pixels), Buffer.from(asset.pixels))).toBe(0);
  });

  it('has pixels spanning 0..255 with digits darker at the border than the centre', () => {
    let border = 0;
    let centre = 0;
    for (let i = 0; i < 100; i++) {
      border += asset.pixels[i * 784];
      centre += asset.pixels[i * 784 + 14 * 28 + 14];
    }
    expect(border).toBe(0);
    expect(centre).toBeGreaterThan(100 * 64);
    expect(Math.max(...asset.pixels.subarray(0, 784 * 50))).toBe(255);
  });

  it('loadMnistSource gives the committed Fashion-MNIST as fashion-mnist', () => {
    const source = loadMnistSource('fashion-mnist');
    expect([source.id, source.size('train'), source.size('test')]).toEqual([
      'fashion-mnist',
      10000,
      10000,
    ]);
  });

  it('loadMnistSource rejects an unknown data id', () => {
    expect(() => loadMnistSource('cifar' as never)).toThrow(
      'Unknown data set "cifar": choose mnist, mnist-noisy or fashion-mnist.',
    );
  });
});
