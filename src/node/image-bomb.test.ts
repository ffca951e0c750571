import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { imageDimensions } from '../core/limits/image-limits';
import { decodeImageFile } from './image-folder';

const dir = mkdtempSync(path.join(os.tmpdir(), 'image-bomb-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** PNG signature + an IHDR claiming `width × height` gray pixels + a small IDAT (CRCs zero). */
function claimedPng(width: number, height: number): Uint8Array {
  const chunk = (type: string, data: Uint8Array) => {
    const out = new Uint8Array(12 + data.length);
    new DataView(out.buffer).setUint32(0, data.length);
    out.set(new TextEncoder().encode(type), 4);
    out.set(data, 8);
    return out;
  };
  const ihdr = new Uint8Array(13);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  ihdr.set([8, 0, 0, 0, 0], 8);
  const idat = deflateSync(new Uint8Array(1 << 20));
  const parts = [
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', idat),
    chunk('IEND', new Uint8Array(0)),
  ];
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.length;
  }
  return bytes;
}

describe('image headers are checked before decoding', () => {
  it('reads PNG and JPEG dimensions from the header', () => {
    const png = new PNG({ width: 7, height: 3 });
    expect(imageDimensions(new Uint8Array(PNG.sync.write(png)))).toEqual({ width: 7, height: 3 });
    const raw = { width: 5, height: 4, data: new Uint8Array(5 * 4 * 4).fill(128) };
    expect(imageDimensions(new Uint8Array(jpeg.encode(raw, 90).data))).toEqual({
      width: 5,
      height: 4,
    });
    expect(imageDimensions(new Uint8Array([1, 2, 3]))).toBeNull();
  });

  it('refuses a PNG that claims 50,000 × 50,000 pixels without decoding it', () => {
    const file = path.join(dir, 'bomb.png');
    writeFileSync(file, claimedPng(50_000, 50_000));
    expect(() => decodeImageFile(file)).toThrow(
      `Image ${file} claims 50000 × 50000 pixels; the lab decodes images of at most 16777216 pixels (4096 × 4096).`,
    );
  });
});
