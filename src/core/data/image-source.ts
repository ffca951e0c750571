import * as tf from '@tensorflow/tfjs';
import { LabError } from '../errors';
import type { LabelledPixels, SkippedImage } from './image-types';
import type { Batch, DataSource, Split } from './source';

/**
 * A DataSource over images already decoded and resized to the model input (pure: the page's
 * worker decodes with createImageBitmap, the CLI with pngjs/jpeg-js). The rules mirror
 * src/node/image-folder.ts: labelled images → classification with class indices in sorted
 * name order; no labels → unlabelled (distillation). Every fifth image of each class, in the
 * given order, is the test split, the rest train.
 */
export type { LabelledPixels };

export interface ImageSourceOptions {
  images: LabelledPixels[];
  /** Model input [height, width, channels]. */
  inputShape: number[];
  id?: string;
  /** Files left out by the folder rule (image-files.ts), kept so page and CLI can list them. */
  skipped?: SkippedImage[];
}

export interface ImageSource extends DataSource {
  /** Sorted class names (one-hot index order); empty when unlabelled. */
  readonly classNames: string[];
  /** Image files that were skipped (path and why); empty when none. */
  readonly skipped: SkippedImage[];
}

function checkImages(images: LabelledPixels[], inputShape: number[]): boolean {
  if (images.length < 2)
    throw new LabError(
      'INVALID_DATA',
      `An image data set needs at least 2 images, got ${images.length}.`,
    );
  const size = inputShape.reduce((a, b) => a * b, 1);
  images.forEach((img, i) => {
    if (img.pixels.length !== size)
      throw new LabError(
        'INVALID_DATA',
        `Image ${i} has ${img.pixels.length} values; the input [${inputShape.join(', ')}] needs ${size}.`,
      );
  });
  const labelled = images.filter((img) => img.label !== undefined).length;
  if (labelled !== 0 && labelled !== images.length)
    throw new LabError(
      'INVALID_DATA',
      `${images.length - labelled} of ${images.length} images have no class; put every image in a class folder, or none.`,
    );
  return labelled > 0;
}

/** Example indices of each split: position k within its class goes to test when k % 5 === 4. */
function splitIndices(labels: number[]): Record<Split, number[]> {
  const perClassPosition = new Map<number, number>();
  const splits: Record<Split, number[]> = { train: [], test: [] };
  labels.forEach((label, i) => {
    const k = perClassPosition.get(label) ?? 0;
    perClassPosition.set(label, k + 1);
    splits[k % 5 === 4 ? 'test' : 'train'].push(i);
  });
  return splits;
}

export function createImageSource(options: ImageSourceOptions): ImageSource {
  const { images, inputShape } = options;
  const labelled = checkImages(images, inputShape);
  const classNames = labelled ? [...new Set(images.map((img) => img.label!))].sort() : [];
  if (labelled && classNames.length < 2)
    throw new LabError(
      'INVALID_DATA',
      `Labelled images need at least 2 class folders, found ${classNames.length} (${classNames.join(', ')}).`,
    );
  const labels = images.map((img) => (labelled ? classNames.indexOf(img.label!) : 0));
  const splits = splitIndices(labels);
  const size = images[0].pixels.length;
  return {
    id: options.id ?? 'images',
    task: labelled ? 'classification' : 'unlabelled',
    inputShape: [...inputShape],
    numClasses: labelled ? classNames.length : undefined,
    classNames,
    skipped: [...(options.skipped ?? [])],
    size: (split) => splits[split].length,
    batch(split: Split, indices: number[]): Batch {
      const x = new Float32Array(indices.length * size);
      indices.forEach((index, n) => x.set(images[splits[split][index]].pixels, n * size));
      const xs = tf.tensor(x, [indices.length, ...inputShape]);
      if (!labelled) return { x: xs };
      const y = tf.tidy(() => {
        const classes = indices.map((i) => labels[splits[split][i]]);
        return tf.oneHot(tf.tensor1d(classes, 'int32'), classNames.length).toFloat();
      });
      return { x: xs, y };
    },
  };
}
