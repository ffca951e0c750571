import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { checkImageDimensions, MAX_IMAGE_PIXELS } from '../core/limits/image-limits';
import type { Batch, DataSource, Split } from '../core/data/source';
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

const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg']);

export function decodeImageFile(file: string): DecodedImage {
  const bytes = readFileSync(file);
  checkImageDimensions(bytes, file);
  try {
    if (bytes[0] === 0x89 && bytes[1] === 0x50) {
      const png = PNG.sync.read(bytes);
      return { width: png.width, height: png.height, rgba: new Uint8Array(png.data) };
    }
    if (bytes[0] === 0xff && bytes[1] === 0xd8) {
      const img = jpeg.decode(bytes, {
        useTArray: true,
        formatAsRGBA: true,
        maxResolutionInMP: MAX_IMAGE_PIXELS / 1e6,
      });
      return { width: img.width, height: img.height, rgba: img.data };
    }
  } catch (e) {
    throw new LabError(
      'INVALID_DATA',
      `Image ${file} could not be decoded (${(e as Error).message}).`,
    );
  }
  throw new LabError('INVALID_DATA', `Image ${file} is neither PNG nor JPEG.`);
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

function imageFilesBelow(dir: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) files.push(...imageFilesBelow(full));
    else if (IMAGE_EXTENSIONS.has(path.extname(name).toLowerCase())) files.push(full);
  }
  return files;
}

function listExamples(
  dir: string,
  unlabelled: boolean,
): { files: string[]; labels: number[]; classes: string[] } {
  if (unlabelled) {
    const files = imageFilesBelow(dir);
    return { files, labels: files.map(() => 0), classes: [] };
  }
  const classes = readdirSync(dir)
    .filter((name) => statSync(path.join(dir, name)).isDirectory())
    .sort();
  if (classes.length < 2) {
    throw new LabError(
      'INVALID_DATA',
      `Image folder ${dir} needs one subfolder per class (found ${classes.length}).`,
    );
  }
  const files: string[] = [];
  const labels: number[] = [];
  classes.forEach((cls, label) => {
    for (const file of imageFilesBelow(path.join(dir, cls))) {
      files.push(file);
      labels.push(label);
    }
  });
  return { files, labels, classes };
}

export function loadImageFolderSource(dir: string, options: ImageFolderOptions): DataSource {
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new LabError('INVALID_DATA', `Image folder ${dir} does not exist.`);
  }
  const [height, width, channels] = options.inputShape;
  if (options.inputShape.length !== 3 || (channels !== 1 && channels !== 3)) {
    throw new LabError(
      'INVALID_DATA',
      `Image folders need a model input [h, w, 1|3], got [${options.inputShape}].`,
    );
  }
  const unlabelled = options.unlabelled ?? false;
  const { files, labels, classes } = listExamples(dir, unlabelled);
  if (files.length < 2)
    throw new LabError('INVALID_DATA', `Image folder ${dir} has fewer than 2 PNG/JPEG images.`);
  const pixels = files.map((f) => resizeToInput(decodeImageFile(f), height, width, channels));
  const perClassPosition = new Map<number, number>();
  const splits: Record<Split, number[]> = { train: [], test: [] };
  labels.forEach((label, i) => {
    const k = perClassPosition.get(label) ?? 0;
    perClassPosition.set(label, k + 1);
    splits[k % 5 === 4 ? 'test' : 'train'].push(i);
  });
  const size = height * width * channels;
  return {
    id: `folder:${path.basename(path.resolve(dir))}`,
    task: unlabelled ? 'unlabelled' : 'classification',
    inputShape: [height, width, channels],
    numClasses: unlabelled ? undefined : classes.length,
    size: (split) => splits[split].length,
    batch(split: Split, indices: number[]): Batch {
      const x = new Float32Array(indices.length * size);
      indices.forEach((index, n) => x.set(pixels[splits[split][index]], n * size));
      const xs = tf.tensor4d(x, [indices.length, height, width, channels]);
      if (unlabelled) return { x: xs };
      const y = tf.tidy(() =>
        tf
          .oneHot(
            tf.tensor1d(
              indices.map((i) => labels[splits[split][i]]),
              'int32',
            ),
            classes.length,
          )
          .toFloat(),
      );
      return { x: xs, y };
    },
  };
}
