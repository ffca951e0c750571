import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { randomShiftBatch, shiftImage } from './augment';

describe('shiftImage', () => {
  const image = [1, 2, 3, /**/ 4, 5, 6, /**/ 7, 8, 9];

  it('moves content down/right for positive shifts and fills with 0', () => {
    const out = new Float32Array(9);
    shiftImage(image, 3, 3, 1, 1, out);
    expect(Array.from(out)).toEqual([0, 0, 0, 0, 1, 2, 0, 4, 5]);
    shiftImage(image, 3, 3, -1, 0, out);
    expect(Array.from(out)).toEqual([4, 5, 6, 7, 8, 9, 0, 0, 0]);
  });
});

describe('randomShiftBatch', () => {
  it('is reproducible for a seed and keeps each image inside its own slot', () => {
    const pixels = new Float32Array(2 * 25).fill(0);
    pixels[12] = 1; // centre of image 0
    pixels[25 + 12] = 2; // centre of image 1
    const a = randomShiftBatch(pixels, 5, 5, 2, createRng(3));
    const b = randomShiftBatch(pixels, 5, 5, 2, createRng(3));
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(a.slice(0, 25).reduce((s, v) => s + v, 0)).toBe(1); // a ±2 shift of the centre stays inside 5×5
    expect(a.slice(25).reduce((s, v) => s + v, 0)).toBe(2);
  });
});
