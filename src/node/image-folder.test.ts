import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { loadImageFolderSource, resizeToInput } from './image-folder';

function pngBytes(width: number, height: number, rgb: [number, number, number]): Buffer {
  const png = new PNG({ width, height });
  for (let i = 0; i < width * height; i++) png.data.set([...rgb, 255], i * 4);
  return PNG.sync.write(png);
}

const root = mkdtempSync(path.join(os.tmpdir(), 'image-folder-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('image folder source', () => {
  it('resizes bilinearly and converts to grayscale', () => {
    // 2×1 image: black | white → 4×1: pixel centres at −0.25, 0.25, 0.75, 1.25 (clamped).
    const rgba = new Uint8Array([0, 0, 0, 255, 255, 255, 255, 255]);
    const out = resizeToInput({ width: 2, height: 1, rgba }, 1, 4, 1);
    expect(Array.from(out).map((v) => Number(v.toFixed(3)))).toEqual([0, 0.25, 0.75, 1]);
  });

  it('reads class subfolders, splits every fifth image per class into test', async () => {
    const dir = path.join(root, 'labelled');
    for (const [cls, colour] of [
      ['cat', [255, 0, 0]],
      ['dog', [0, 0, 255]],
    ] as const) {
      mkdirSync(path.join(dir, cls), { recursive: true });
      for (let i = 0; i < 5; i++)
        writeFileSync(path.join(dir, cls, `${i}.png`), pngBytes(8, 8, [...colour]));
    }
    const jpg = jpeg.encode({ width: 8, height: 8, data: new Uint8Array(8 * 8 * 4).fill(255) }, 90);
    writeFileSync(path.join(dir, 'dog', '5.jpg'), jpg.data);
    const source = await loadImageFolderSource(dir, { inputShape: [4, 4, 3] });
    expect(source.numClasses).toBe(2);
    expect([source.size('train'), source.size('test')]).toEqual([9, 2]);
    const before = tf.memory().numTensors;
    const { x, y } = source.batch('test', [0, 1]);
    expect(x.shape).toEqual([2, 4, 4, 3]);
    expect(Array.from(x.dataSync().slice(0, 3))).toEqual([1, 0, 0]);
    expect(Array.from(y!.dataSync())).toEqual([1, 0, 0, 1]);
    tf.dispose([x, y!]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('skips a corrupt image and one outside the class folders, and lists them', async () => {
    const dir = path.join(root, 'with-bad');
    for (const cls of ['a', 'b']) {
      mkdirSync(path.join(dir, cls), { recursive: true });
      for (let i = 0; i < 3; i++)
        writeFileSync(path.join(dir, cls, `${i}.png`), pngBytes(4, 4, [9, 9, 9]));
    }
    writeFileSync(path.join(dir, 'a', 'broken.png'), 'not a png');
    writeFileSync(path.join(dir, 'b', 'cut.png'), pngBytes(4, 4, [9, 9, 9]).subarray(0, 40));
    writeFileSync(path.join(dir, 'stray.jpg'), pngBytes(4, 4, [9, 9, 9]));
    const source = await loadImageFolderSource(dir, { inputShape: [4, 4, 1] });
    expect([source.size('train'), source.size('test'), source.numClasses]).toEqual([6, 0, 2]);
    expect(source.skipped).toEqual([
      { path: 'with-bad/a/broken.png', reason: 'not a PNG or JPEG file' },
      { path: 'with-bad/b/cut.png', reason: 'could not be decoded' },
      { path: 'with-bad/stray.jpg', reason: 'outside the class folders' },
    ]);
  });

  it('names what is wrong', async () => {
    await expect(
      loadImageFolderSource(path.join(root, 'nope'), { inputShape: [4, 4, 1] }),
    ).rejects.toThrow(`Image folder ${path.join(root, 'nope')} does not exist.`);
    const flat = path.join(root, 'flat');
    mkdirSync(flat, { recursive: true });
    writeFileSync(path.join(flat, 'a.png'), pngBytes(2, 2, [0, 0, 0]));
    writeFileSync(path.join(flat, 'b.png'), pngBytes(2, 2, [0, 0, 0]));
    await expect(loadImageFolderSource(flat, { inputShape: [4, 4, 1] })).rejects.toThrow(
      `Image folder ${flat} needs one subfolder per class (found 0).`,
    );
    const unlabelled = await loadImageFolderSource(flat, {
      inputShape: [4, 4, 1],
      unlabelled: true,
    });
    expect([unlabelled.task, unlabelled.size('train'), unlabelled.size('test')]).toEqual([
      'unlabelled',
      2,
      0,
    ]);
  });
});
