/**
 * Turns dropped image files into model-input pixels inside the worker: createImageBitmap
 * decodes PNG/JPEG, an OffscreenCanvas resizes to the model's H×W (the browser's smoothing,
 * not the CLI's exact bilinear), and RGBA becomes grayscale (ITU-R 601 luma, as the CLI) or RGB.
 */
import type { LabelledPixels } from '../core/data/image-source';
import { LabError } from '../core/errors';
import { checkImageDimensions } from '../core/limits/image-limits';

export interface ImageFileBytes {
  /** Relative path as dropped, e.g. "digits/3/img01.png". */
  path: string;
  bytes: ArrayBuffer;
}

const IMAGE_EXTENSION = /\.(png|jpe?g)$/i;

export function isImagePath(path: string): boolean {
  return IMAGE_EXTENSION.test(path);
}

/**
 * The class of each image: its first folder below the folders every file shares (a dropped
 * root folder), or undefined when the images sit directly in that root.
 */
export function classLabels(paths: string[]): (string | undefined)[] {
  const dirs = paths.map((p) => p.split('/').filter(Boolean).slice(0, -1));
  let shared = 0;
  const shortest = Math.min(...dirs.map((d) => d.length));
  while (shared < shortest && dirs.every((d) => d[shared] === dirs[0][shared])) shared++;
  return dirs.map((d) => d[shared]);
}

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

async function decodeOne(file: ImageFileBytes, inputShape: number[]): Promise<Float32Array> {
  const [height, width, channels] = inputShape;
  checkImageDimensions(new Uint8Array(file.bytes), `"${file.path}"`);
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(new Blob([file.bytes]));
  } catch {
    throw new LabError('INVALID_DATA', `Image "${file.path}" could not be decoded as PNG or JPEG.`);
  }
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  context.imageSmoothingQuality = 'high';
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  return rgbaToInput(context.getImageData(0, 0, width, height).data, channels);
}

/** Decodes the image files (others are ignored) in path order, labelled by folder. */
export async function decodeImageFiles(
  files: ImageFileBytes[],
  inputShape: number[],
): Promise<LabelledPixels[]> {
  const images = files
    .filter((f) => isImagePath(f.path))
    .sort((a, b) => (a.path < b.path ? -1 : 1));
  if (images.length === 0)
    throw new LabError(
      'INVALID_DATA',
      `No PNG or JPEG image among the dropped files (${files.length} file${files.length === 1 ? '' : 's'}).`,
    );
  const labels = classLabels(images.map((f) => f.path));
  const out: LabelledPixels[] = [];
  for (const [i, file] of images.entries()) {
    out.push({ pixels: await decodeOne(file, inputShape), label: labels[i] });
  }
  return out;
}
