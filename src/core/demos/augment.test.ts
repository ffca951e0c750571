import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { affineImage, randomAffineBatch } from './augment';

describe('affineImage', () => {
  const image = [1, 2, 3, /**/ 4, 5, 6, /**/ 7, 8, 9];
  const run = (t: { angle: number; scale: number; ty: number; tx: number }) => {
    const out = new Float32Array(9);
    affineImage(image, 3, 3, t, out);
    return Array.from(out, (v) => Math.round(v * 1e4) / 1e4);
  };

  it('is the identity without rotation, zoom or shift', () => {
    expect(run({ angle: 0, scale: 1, ty: 0, tx: 0 })).toEqual(image);
  });

  it('rotates about the centre, shifts by whole pixels and interpolates half pixels', () => {
    // A positive quarter turn is clockwise on screen (y points down): 7 moves to the top left.
    expect(run({ angle: Math.PI / 2, scale: 1, ty: 0, tx: 0 })).toEqual([
      7, 4, 1, 8, 5, 2, 9, 6, 3,
    ]);
    expect(run({ angle: 0, scale: 1, ty: 1, tx: 0 })).toEqual([0, 0, 0, 1, 2, 3, 4, 5, 6]);
    expect(run({ angle: 0, scale: 1, ty: 0, tx: 0.5 })).toEqual([
      0.5, 1.5, 2.5, 2, 4.5, 5.5, 3.5, 7.5, 8.5,
    ]);
  });
});

describe('randomAffineBatch', () => {
  it('is reproducible for a seed and keeps zero images zero', () => {
    const pixels = new Float32Array(2 * 25).map((_, i) => (i < 25 ? (i % 5) / 4 : 0));
    const range = { maxRotationDeg: 12, maxScale: 0.1, maxShiftPx: 2 };
    const a = randomAffineBatch(pixels, 5, 5, range, createRng(4));
    const b = randomAffineBatch(pixels, 5, 5, range, createRng(4));
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(a.slice(25).every((v) => v === 0)).toBe(true);
    expect(Array.from(a.slice(0, 25))).not.toEqual(Array.from(pixels.slice(0, 25)));
  });
});
