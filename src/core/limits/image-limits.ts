import { LabError } from '../errors';

/**
 * An image's width and height read from its header, so a decoder is never asked to allocate
 * for a decompression bomb (an 855 kB PNG can claim 50,000 × 50,000 pixels: 10 GB of RGBA).
 * The lab resizes every image to the model's input (28×28 for the demos), so 2²⁴ pixels
 * (4096 × 4096, 64 MiB of RGBA) is far above anything it needs.
 */
export const MAX_IMAGE_PIXELS = 2 ** 24;

export interface ImageDimensions {
  width: number;
  height: number;
}

const be32 = (b: Uint8Array, at: number) =>
  ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;
const be16 = (b: Uint8Array, at: number) => (b[at] << 8) | b[at + 1];

/** PNG: the IHDR chunk must come first, right after the 8-byte signature. */
function pngDimensions(b: Uint8Array): ImageDimensions | null {
  const ihdr =
    b.length >= 24 && b[12] === 0x49 && b[13] === 0x48 && b[14] === 0x44 && b[15] === 0x52;
  return ihdr ? { width: be32(b, 16), height: be32(b, 20) } : null;
}

/** JPEG: walk the marker segments up to the first start-of-frame (SOF0–SOF15 but DHT, JPG, DAC). */
function jpegDimensions(b: Uint8Array): ImageDimensions | null {
  let at = 2;
  while (at + 9 < b.length) {
    if (b[at] !== 0xff) return null;
    const marker = b[at + 1];
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
      return { height: be16(b, at + 5), width: be16(b, at + 7) };
    at += 2 + be16(b, at + 2);
  }
  return null;
}

/** PNG or JPEG dimensions from the header; null when the header cannot be read. */
export function imageDimensions(bytes: Uint8Array): ImageDimensions | null {
  if (bytes[0] === 0x89 && bytes[1] === 0x50) return pngDimensions(bytes);
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return jpegDimensions(bytes);
  return null;
}

/** Refuses an image whose header claims more than MAX_IMAGE_PIXELS, before it is decoded. */
export function checkImageDimensions(bytes: Uint8Array, name: string): void {
  const dims = imageDimensions(bytes);
  if (!dims) return;
  if (dims.width * dims.height > MAX_IMAGE_PIXELS) {
    throw new LabError(
      'FILE_TOO_LARGE',
      `Image ${name} claims ${dims.width} × ${dims.height} pixels; the lab decodes images of at most ${MAX_IMAGE_PIXELS} pixels (4096 × 4096).`,
    );
  }
}
