import { describe, expect, it } from 'vitest';
import { classLabels, decodeImageFiles, rgbaToInput } from './image-decode';

describe('image-decode helpers', () => {
  it('labels by the first folder below the shared root; loose images get none', () => {
    expect(classLabels(['digits/3/a.png', 'digits/7/b.png', 'digits/7/sub/c.png'])).toEqual([
      '3',
      '7',
      '7',
    ]);
    expect(classLabels(['3/a.png', '7/b.png'])).toEqual(['3', '7']);
    expect(classLabels(['root/a.png', 'root/b.png'])).toEqual([undefined, undefined]);
    expect(classLabels(['a.png', 'b.png'])).toEqual([undefined, undefined]);
  });

  it('converts RGBA bytes to luma (1 channel) or RGB (3 channels) in [0, 1]', () => {
    const rgba = new Uint8ClampedArray([255, 0, 0, 255, 0, 0, 255, 255]);
    expect(Array.from(rgbaToInput(rgba, 1))).toEqual([Math.fround(0.299), Math.fround(0.114)]);
    expect(Array.from(rgbaToInput(rgba, 3))).toEqual([1, 0, 0, 0, 0, 1]);
  });

  it('refuses a drop with no PNG/JPEG images', async () => {
    await expect(
      decodeImageFiles([{ path: 'notes.txt', bytes: new ArrayBuffer(3) }], [28, 28, 1]),
    ).rejects.toThrow('No PNG or JPEG image among the dropped files (1 file).');
  });
});
