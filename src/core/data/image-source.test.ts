import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { createImageSource, type LabelledPixels } from './image-source';

const SHAPE = [2, 3, 1];

function image(value: number, label?: string): LabelledPixels {
  return { pixels: new Float32Array(6).fill(value), label };
}

describe('createImageSource', () => {
  it('labels one-hot in sorted class order and puts every 5th image per class in test', () => {
    // 7 "zebra" images then 6 "apple": apple is class 0 although it comes second.
    const images = [
      ...Array.from({ length: 7 }, (_, i) => image(i / 10, 'zebra')),
      ...Array.from({ length: 6 }, (_, i) => image(0.9 - i / 100, 'apple')),
    ];
    const before = tf.memory().numTensors;
    const source = createImageSource({ images, inputShape: SHAPE });
    expect(source.task).toBe('classification');
    expect(source.classNames).toEqual(['apple', 'zebra']);
    expect(source.numClasses).toBe(2);
    expect(source.size('train')).toBe(11);
    expect(source.size('test')).toBe(2);
    const test = source.batch('test', [0, 1]);
    expect(test.x.shape).toEqual([2, 2, 3, 1]);
    // Test split: zebra #4 (value 0.4), apple #4 (value 0.86).
    expect(Array.from(test.x.dataSync()).filter((_, i) => i % 6 === 0)).toEqual([
      Math.fround(0.4),
      Math.fround(0.86),
    ]);
    expect(test.y!.shape).toEqual([2, 2]);
    expect(Array.from(test.y!.dataSync())).toEqual([0, 1, 1, 0]);
    tf.dispose([test.x, test.y!]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('unlabelled images: task unlabelled, no y, 20 images → 16 train and 4 test', () => {
    const images = Array.from({ length: 20 }, (_, i) => image(i / 20));
    const source = createImageSource({ images, inputShape: SHAPE });
    expect(source.task).toBe('unlabelled');
    expect(source.numClasses).toBeUndefined();
    expect([source.size('train'), source.size('test')]).toEqual([16, 4]);
    const before = tf.memory().numTensors;
    const batch = source.batch('train', [0, 1, 2]);
    expect(batch.y).toBeUndefined();
    expect(batch.x.shape).toEqual([3, 2, 3, 1]);
    batch.x.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses mixed labelled/unlabelled images, one class, and wrong pixel counts', () => {
    expect(() =>
      createImageSource({ images: [image(0, 'a'), image(0)], inputShape: SHAPE }),
    ).toThrow('1 of 2 images have no class; put every image in a class folder, or none.');
    expect(() =>
      createImageSource({ images: [image(0, 'a'), image(0, 'a')], inputShape: SHAPE }),
    ).toThrow('Labelled images need at least 2 class folders, found 1 (a).');
    expect(() =>
      createImageSource({ images: [image(0), { pixels: new Float32Array(5) }], inputShape: SHAPE }),
    ).toThrow('Image 1 has 5 values; the input [2, 3, 1] needs 6.');
  });
});
