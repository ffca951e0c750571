/**
 * One rule for an image folder, shared by the page (worker decoding) and the CLI (pngjs /
 * jpeg-js decoding), so the same folder gives the same images and the same skipped files:
 * - only files named *.png, *.jpg, *.jpeg are considered (others are ignored silently);
 * - an image's class is its first folder below the folders every image shares (classLabels);
 *   when some images have a class, one with none (outside the class folders) is skipped;
 * - a file whose bytes are neither PNG nor JPEG (by signature, whatever its name says) is skipped;
 * - a file the decoder fails on, or whose header claims more than 4096 × 4096 pixels, is skipped.
 * Every skipped file is reported with its path and why; the rest load in path order.
 */
import { LabError } from '../errors';
import type { LabelledPixels, SkippedImage } from './image-types';

export interface ImageFile {
  /** Relative path as given, e.g. "digits/3/img01.png". */
  path: string;
  bytes: Uint8Array;
}

export type ImageFormat = 'png' | 'jpeg';

export interface AcceptedImage extends ImageFile {
  format: ImageFormat;
  label?: string;
}

export type { SkippedImage };

const IMAGE_EXTENSION = /\.(png|jpe?g)$/i;

export const SKIP_OUTSIDE_CLASS = 'outside the class folders';
export const SKIP_NOT_IMAGE = 'not a PNG or JPEG file';
export const SKIP_UNDECODABLE = 'could not be decoded';
export const SKIP_TOO_LARGE = 'more than 4096 × 4096 pixels';

export function isImagePath(path: string): boolean {
  return IMAGE_EXTENSION.test(path);
}

/** PNG and JPEG by their first bytes; null for anything else. */
export function sniffImageFormat(bytes: Uint8Array): ImageFormat | null {
  const png = [0x89, 0x50, 0x4e, 0x47];
  if (bytes.length >= 4 && png.every((b, i) => bytes[i] === b)) return 'png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)
    return 'jpeg';
  return null;
}

/**
 * The class of each image: its first folder below the folders every file shares (a dropped
 * root folder), or undefined when the image sits directly in that root.
 */
export function classLabels(paths: string[]): (string | undefined)[] {
  const dirs = paths.map((p) => p.split('/').filter(Boolean).slice(0, -1));
  let shared = 0;
  const shortest = Math.min(...dirs.map((d) => d.length));
  while (shared < shortest && dirs.every((d) => d[shared] === dirs[0][shared])) shared++;
  return dirs.map((d) => d[shared]);
}

/** Which files load (with their class) and which are skipped, before any decoding. */
export function selectImageFiles(
  files: ImageFile[],
  opts: { unlabelled?: boolean } = {},
): { accepted: AcceptedImage[]; skipped: SkippedImage[] } {
  const images = files
    .filter((f) => isImagePath(f.path))
    .sort((a, b) => (a.path < b.path ? -1 : 1));
  const labels = opts.unlabelled
    ? images.map(() => undefined)
    : classLabels(images.map((f) => f.path));
  const labelled = labels.some((l) => l !== undefined);
  const accepted: AcceptedImage[] = [];
  const skipped: SkippedImage[] = [];
  images.forEach((file, i) => {
    const format = sniffImageFormat(file.bytes);
    if (labelled && labels[i] === undefined)
      skipped.push({ path: file.path, reason: SKIP_OUTSIDE_CLASS });
    else if (!format) skipped.push({ path: file.path, reason: SKIP_NOT_IMAGE });
    else accepted.push({ ...file, format, ...(labels[i] !== undefined && { label: labels[i] }) });
  });
  return { accepted, skipped };
}

export type ImageDecoder = (image: AcceptedImage) => Float32Array | Promise<Float32Array>;

/** Selects and decodes; a file the decoder throws on joins the skipped list. */
export async function decodeImageSet(
  files: ImageFile[],
  decode: ImageDecoder,
  opts: { unlabelled?: boolean } = {},
): Promise<{ images: LabelledPixels[]; skipped: SkippedImage[] }> {
  const { accepted, skipped } = selectImageFiles(files, opts);
  const images: LabelledPixels[] = [];
  for (const image of accepted) {
    try {
      images.push({ pixels: await decode(image), label: image.label });
    } catch (e) {
      const tooLarge = e instanceof LabError && e.code === 'FILE_TOO_LARGE';
      skipped.push({ path: image.path, reason: tooLarge ? SKIP_TOO_LARGE : SKIP_UNDECODABLE });
    }
  }
  skipped.sort((a, b) => (a.path < b.path ? -1 : 1));
  return { images, skipped };
}

/** "Skipped 1 image file: digits/3/broken.png (not a PNG or JPEG file)." — null when none. */
export function skippedNote(skipped: SkippedImage[]): string | null {
  if (skipped.length === 0) return null;
  const listed = skipped
    .slice(0, 10)
    .map((s) => `${s.path} (${s.reason})`)
    .join(', ');
  const more = skipped.length > 10 ? `, and ${skipped.length - 10} more` : '';
  return `Skipped ${skipped.length} image file${skipped.length === 1 ? '' : 's'}: ${listed}${more}.`;
}
