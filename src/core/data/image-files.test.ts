import { describe, expect, it } from 'vitest';
import {
  decodeImageSet,
  selectImageFiles,
  skippedNote,
  sniffImageFormat,
  SKIP_NOT_IMAGE,
  SKIP_OUTSIDE_CLASS,
  SKIP_UNDECODABLE,
} from './image-files';

const PNG_HEAD = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]);
const JPEG_HEAD = new Uint8Array([0xff, 0xd8, 0xff, 0xe0]);
const TEXT = new TextEncoder().encode('not a png');

describe('the shared image folder rule', () => {
  it('knows PNG and JPEG by their bytes, not their names', () => {
    expect([PNG_HEAD, JPEG_HEAD, TEXT, new Uint8Array(0)].map(sniffImageFormat)).toEqual([
      'png',
      'jpeg',
      null,
      null,
    ]);
  });

  it('skips non-images and images outside the class folders, ignores other files', () => {
    const { accepted, skipped } = selectImageFiles([
      { path: 'd/b/2.jpg', bytes: PNG_HEAD },
      { path: 'd/a/1.png', bytes: PNG_HEAD },
      { path: 'd/a/bad.png', bytes: TEXT },
      { path: 'd/stray.png', bytes: PNG_HEAD },
      { path: 'd/notes.txt', bytes: TEXT },
    ]);
    expect(accepted.map((a) => [a.path, a.label, a.format])).toEqual([
      ['d/a/1.png', 'a', 'png'],
      ['d/b/2.jpg', 'b', 'png'],
    ]);
    expect(skipped).toEqual([
      { path: 'd/a/bad.png', reason: SKIP_NOT_IMAGE },
      { path: 'd/stray.png', reason: SKIP_OUTSIDE_CLASS },
    ]);
  });

  it('adds files the decoder fails on to the skipped list, in path order', async () => {
    const { images, skipped } = await decodeImageSet(
      [
        { path: 'x/c.png', bytes: PNG_HEAD },
        { path: 'x/a.png', bytes: PNG_HEAD },
        { path: 'x/b.png', bytes: TEXT },
      ],
      (img) => {
        if (img.path === 'x/c.png') throw new Error('truncated');
        return new Float32Array([1, 2]);
      },
      { unlabelled: true },
    );
    expect(images.map((i) => Array.from(i.pixels))).toEqual([[1, 2]]);
    expect(skipped).toEqual([
      { path: 'x/b.png', reason: SKIP_NOT_IMAGE },
      { path: 'x/c.png', reason: SKIP_UNDECODABLE },
    ]);
    expect(skippedNote(skipped)).toBe(
      'Skipped 2 image files: x/b.png (not a PNG or JPEG file), x/c.png (could not be decoded).',
    );
    expect(skippedNote([])).toBeNull();
  });
});
