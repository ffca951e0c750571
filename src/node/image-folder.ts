import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import {
  decodeImageSet,
  isImagePath,
  sniffImageFormat,
  type ImageFile,
  type ImageFormat,
} from '../core/data/image-files';
import { createImageSource, type ImageSource } from '../core/data/image-source';
import { checkImageDimensions, MAX_IMAGE_PIXELS } from '../core/limits/image-limits';
import { LabError } from '../core/errors';

/**
 * A DataSource over a folder of PNG/JPEG images: one subfolder per class (sorted names →
 * class indices), or — with `unlabelled` — any images anywhere below the folder. Images are
 * decoded once, resized bilinearly to the model input and converted to its channel count,
 * pixel values scaled to [0, 1]. Every fifth image of each class (sorted by file name) is
 * the test split, the rest train: deterministic, no seed needed.
 */
export interface ImageFolderOptions {
  /** Model input [height, width, channels]; channels 1 (grayscale) or 3 (RGB). */
  inputShape: number[];
  unlabelled?: boolean;
}

interface DecodedImage {
  width: number;
  height: number;
  /** RGBA bytes. */
  rgba: Uint8Array;
}

/**
 * PNG or JPEG bytes → RGBA; throws on anything it cannot decode. The header's dimensions are
 * checked first, so a decompression bomb is refused before the decoder allocates.
 */
export function decodeImageBytes(
  bytes: Uint8Array,
  format: ImageFormat,
  name = 'image',
): DecodedImage {
  checkImageDimensions(bytes, name);
  if (format === 'png') {
    const png = PNG.sync.read(Buffer.from(bytes));
    return { width: png.width, height: png.height, rgba: new Uint8Array(png.data) };
  }
  const img = jpeg.decode(bytes, {
    useTArray: true,
    formatAsRGBA: true,
    maxResolutionInMP: MAX_IMAGE_PIXELS / 1e6,
  });
  return { width: img.width, height: img.height, rgba: img.data };
}

/** One image file from disk (header checked before decoding). */
export function decodeImageFile(file: string): DecodedImage {
  const bytes = new Uint8Array(readFileSync(file));
  const format = sniffImageFormat(bytes);
  checkImageDimensions(bytes, file);
  if (!format) throw new LabError('INVALID_DATA', `Image ${file} is neither PNG nor JPEG.`);
  return decodeImageBytes(bytes, format, file);
}

/** Bilinear resize (align-corners off, pixel centres) + channel conversion, values in [0, 1]. */
export function resizeToInput(
  img: DecodedImage,
  height: number,
  width: number,
  channels: number,
): Float32Array {
  const out = new Float32Array(height * width * channels);
  const sy = img.height / height;
  const sx = img.width / width;
  const px = (x: number, y: number, c: number) => img.rgba[(y * img.width + x) * 4 + c];
  for (let oy = 0; oy < height; oy++) {
    const fy = Math.min(Math.max((oy + 0.5) * sy - 0.5, 0), img.height - 1);
    const y0 = Math.floor(fy);
    const y1 = Math.min(y0 + 1, img.height - 1);
    for (let ox = 0; ox < width; ox++) {
      const fx = Math.min(Math.max((ox + 0.5) * sx - 0.5, 0), img.width - 1);
      const x0 = Math.floor(fx);
      const x1 = Math.min(x0 + 1, img.width - 1);
      const rgb = [0, 1, 2].map((c) => {
        const top = px(x0, y0, c) * (1 - (fx - x0)) + px(x1, y0, c) * (fx - x0);
        const bottom = px(x0, y1, c) * (1 - (fx - x0)) + px(x1, y1, c) * (fx - x0);
        return (top * (1 - (fy - y0)) + bottom * (fy - y0)) / 255;
      });
      const at = (oy * width + ox) * channels;
      if (channels === 1) out[at] = 0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2];
      else for (let c = 0; c < 3; c++) out[at + c] = rgb[c];
    }
  }
  return out;
}

/** Every file below `dir`, as "<dir name>/<sub/path>" (the paths a page drop of the folder has). */
function filesBelow(dir: string, prefix: string): ImageFile[] {
  const files: ImageFile[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    const rel = `${prefix}/${name}`;
    if (statSync(full).isDirectory()) files.push(...filesBelow(full, rel));
    else if (isImagePath(name))
      files.push({ path: rel, bytes: new Uint8Array(readFileSync(full)) });
  }
  return files;
}

function checkFolder(dir: string, inputShape: number[]): void {
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new LabError('INVALID_DATA', `Image folder ${dir} does not exist.`);
  }
  const [, , channels] = inputShape;
  if (inputShape.length !== 3 || (channels !== 1 && channels !== 3)) {
    throw new LabError(
      'INVALID_DATA',
      `Image folders need a model input [h, w, 1|3], got [${inputShape}].`,
    );
  }
}

/**
 * The folder's images by the shared rule (core/data/image-files.ts): unreadable or
 * non-PNG/JPEG files and images outside the class folders are skipped and listed in
 * `source.skipped`, exactly as the page does with the same folder dropped.
 */
export async function loadImageFolderSource(
  dir: string,
  options: ImageFolderOptions,
): Promise<ImageSource> {
  checkFolder(dir, options.inputShape);
  const [height, width, channels] = options.inputShape;
  const unlabelled = options.unlabelled ?? false;
  const name = path.basename(path.resolve(dir));
  const files = filesBelow(dir, name);
  const { images, skipped } = await decodeImageSet(
    files,
    (img) =>
      resizeToInput(decodeImageBytes(img.bytes, img.format, img.path), height, width, channels),
    { unlabelled },
  );
  if (!unlabelled && images.length > 0 && images.every((img) => img.label === undefined)) {
    const classes = readdirSync(dir).filter((n) => statSync(path.join(dir, n)).isDirectory());
    throw new LabError(
      'INVALID_DATA',
      `Image folder ${dir} needs one subfolder per class (found ${classes.length}).`,
    );
  }
  if (images.length < 2)
    throw new LabError('INVALID_DATA', `Image folder ${dir} has fewer than 2 PNG/JPEG images.`);
  return createImageSource({
    images,
    inputShape: [height, width, channels],
    id: `folder:${name}`,
    skipped,
  });
}
