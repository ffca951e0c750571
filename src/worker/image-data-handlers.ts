import { createImageSource } from '../core/data/image-source';
import { LabError } from '../core/errors';
import { checkFileSizes } from '../core/limits/file-limits';
import { session } from './engine-session';
import type { DataSummary } from '../protocol/engine-types';
import { decodeImageFiles, type ImageFileBytes } from './image-decode';

let imageSetCounter = 0;

function requireImageInput(): number[] {
  if (!session.model)
    throw new LabError(
      'NOT_READY',
      'No model is loaded: load a model first, so the images can be resized to its input.',
    );
  const shape = session.model.summary.inputShape;
  if (shape.length !== 3 || (shape[2] !== 1 && shape[2] !== 3))
    throw new LabError(
      'INVALID_DATA',
      `Image data needs a model input of height × width × 1 or 3 channels; this model takes ${shape.join('×')}.`,
    );
  return shape;
}

/** A dropped image folder becomes the session's data: class folders → labels, else unlabelled. */
export async function loadImageData(files: ImageFileBytes[]): Promise<DataSummary> {
  checkFileSizes(
    files.map((f) => ({ name: f.path, sizeBytes: f.bytes.byteLength })),
    'images',
  );
  const inputShape = requireImageInput();
  const { images, skipped } = await decodeImageFiles(files, inputShape);
  // A unique id per drop, so caches keyed by the data id never serve an older folder.
  const id = `images-${++imageSetCounter}`;
  const source = createImageSource({ images, inputShape, id, skipped });
  session.data = { id: 'images', source };
  return {
    id: 'images',
    task: source.task,
    inputShape: [...source.inputShape],
    trainSize: source.size('train'),
    testSize: source.size('test'),
    numClasses: source.numClasses ?? null,
    classNames: source.classNames,
    skippedImages: source.skipped,
  };
}
