import { unzlibSync } from 'fflate';
import { LabError } from '../errors';
import { createMnistSource, parseMnistAsset, type MnistAsset } from './mnist';
import type { DataSource } from './source';

export { FASHION_CLASS_NAMES } from './builtin-data';

/**
 * Fashion-MNIST (Zalando Research, MIT): ten clothing classes in MNIST's 28×28×1 shape, harder
 * than digits, so pruning criteria separate. The committed asset (scripts/build-fashion-mnist.mjs,
 * docs/data.md) is 'PLMZ', a uint32 version, then zlib of the MNIST asset layout with each
 * image's pixels replaced by their residuals against PNG's Paeth prediction.
 */

const MAGIC = 'PLMZ';
const VERSION = 1;

function invalid(what: string): LabError {
  return new LabError('INVALID_DATA', `Fashion-MNIST asset: ${what}.`);
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Inverse of the script's paethFilter, in place: row-major, so each prediction is known. */
export function unfilterPaeth(pixels: Uint8Array, height: number, width: number): void {
  const size = height * width;
  for (let i = 0; i < pixels.length; i++) {
    const p = i % size;
    const x = p % width;
    const y = (p - x) / width;
    const a = x > 0 ? pixels[i - 1] : 0;
    const b = y > 0 ? pixels[i - width] : 0;
    const c = x > 0 && y > 0 ? pixels[i - width - 1] : 0;
    pixels[i] = (pixels[i] + paeth(a, b, c)) & 255;
  }
}

export function decodeFashionAsset(bytes: Uint8Array): MnistAsset {
  const magic = String.fromCharCode(...bytes.subarray(0, 4));
  if (bytes.length < 8 || magic !== MAGIC)
    throw invalid(`magic is "${magic}", expected "${MAGIC}"`);
  const version = new DataView(bytes.buffer, bytes.byteOffset, 8).getUint32(4, true);
  if (version !== VERSION)
    throw invalid(`version ${version} is not supported (expected ${VERSION})`);
  let raw: Uint8Array;
  try {
    raw = unzlibSync(bytes.subarray(8));
  } catch {
    throw invalid('the compressed payload is corrupt');
  }
  const asset = parseMnistAsset(raw);
  unfilterPaeth(asset.pixels, asset.height, asset.width);
  return asset;
}

export function createFashionSource(asset: MnistAsset): DataSource {
  return { ...createMnistSource(asset), id: 'fashion-mnist' };
}
