/**
 * Turns dropped image files into model-input pixels inside the worker: createImageBitmap
 * decodes PNG/JPEG, an OffscreenCanvas resizes to the model's H×W (the browser's smoothing,
 * not the CLI's exact bilinear), and RGBA becomes grayscale (ITU-R 601 luma, as the CLI) or RGB.
 */
import {
  classLabels,
  decodeImageSet,
  isImagePath,
  type AcceptedImage,
  type SkippedImage,
} from '../core/data/image-files';
import type { LabelledPixels } from '../core/data/image-source';
import { LabError } from '../core/errors';
import { checkImageDimensions } from '../core/limits/image-limits';

import type { ImageFileBytes } from '../protocol/engine-types';

export type { ImageFileBytes };

export { classLabels, isImagePath };

export function rgbaToInput(rgba: Uint8ClampedArray, channels: number): Float32Array {
  const pixelCount = rgba.length / 4;
  const out = new Float32Array(pixelCount * channels);
  for (let p = 0; p < pixelCount; p++) {
    const [r, g, b] = [rgba[p * 4], rgba[p * 4 + 1], rgba[p * 4 + 2]];
    if (channels === 1) out[p] = (0.299 * r + 0.587 * g + 0.114 * b) / 255;
    else for (let c = 0; c < 3; c++) out[p * 3 + c] = rgba[p * 4 + c] / 255;
  }
  return out;
}

async function decodeOne(file: AcceptedImage, inputShape: number[]): Promise<Float32Array> {
  const [height, width, channels] = inputShape;
  checkImageDimensions(file.bytes, `"${file.path}"`);
  const bitmap = await createImageBitmap(new Blob([file.bytes as Uint8Array<ArrayBuffer>]));
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  context.imageSmoothingQuality = 'high';
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  return rgbaToInput(context.getImageData(0, 0, width, height).data, channels);
}

/**
 * Decodes the image files (others are ignored) in path order, labelled by folder; files the
 * shared rule skips (core/data/image-files.ts) are returned with why, as the CLI lists them.
 */
export async function decodeImageFiles(
  files: ImageFileBytes[],
  inputShape: number[],
): Promise<{ images: LabelledPixels[]; skipped: SkippedImage[] }> {
  if (!files.some((f) => isImagePath(f.path)))
    throw new LabError(
      'INVALID_DATA',
      `No PNG or JPEG image among the dropped files (${files.length} file${files.length === 1 ? '' : 's'}).`,
    );
  return decodeImageSet(
    files.map((f) => ({ path: f.path, bytes: new Uint8Array(f.bytes) })),
    (image) => decodeOne(image, inputShape),
  );
}
