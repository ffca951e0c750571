import { LabError } from '../errors';

/**
 * Size limits checked from file *sizes* (File.size, fs.stat) before any file is read whole,
 * so a 4 GiB drop is refused at once instead of exhausting the tab's memory. The limits sit
 * far above the models and data sets the lab is meant for (MobileNet-class models are
 * 4–20 MiB) and below what a browser tab can hold while training.
 */
export const MIB = 1024 * 1024;
/** Same limit the loader applies to the decoded model JSON (MAX_MODEL_JSON_BYTES). */
export const MAX_MODEL_JSON_FILE_BYTES = 64 * MIB;
/** All weight shards of one model together. */
export const MAX_WEIGHT_FILES_BYTES = 512 * MIB;
/** One image of an image-folder data set. */
export const MAX_IMAGE_FILE_BYTES = 16 * MIB;
/** A whole image folder. */
export const MAX_IMAGE_FOLDER_BYTES = 1024 * MIB;

export interface FileSize {
  name: string;
  sizeBytes: number;
}

export type FileSetKind = 'model' | 'images';

export function formatMiB(sizeBytes: number): string {
  return `${(sizeBytes / MIB).toFixed(1)} MiB`;
}

function tooLarge(file: FileSize, what: string, limitBytes: number): LabError {
  return new LabError(
    'FILE_TOO_LARGE',
    `File "${file.name}" is ${formatMiB(file.sizeBytes)} (${file.sizeBytes} bytes); the lab refuses ${what} over ${formatMiB(limitBytes)}.`,
  );
}

function totalTooLarge(files: FileSize[], what: string, limitBytes: number): LabError {
  const total = files.reduce((sum, f) => sum + f.sizeBytes, 0);
  const largest = files.reduce((a, b) => (b.sizeBytes > a.sizeBytes ? b : a));
  return new LabError(
    'FILE_TOO_LARGE',
    `The ${files.length} ${what} total ${formatMiB(total)} (${total} bytes; the largest is "${largest.name}", ${formatMiB(largest.sizeBytes)}); the lab's limit is ${formatMiB(limitBytes)}.`,
  );
}

function isJsonName(name: string): boolean {
  return name.toLowerCase().endsWith('.json');
}

function checkModelFiles(files: FileSize[]): void {
  const weights: FileSize[] = [];
  for (const file of files) {
    if (isJsonName(file.name)) {
      if (file.sizeBytes > MAX_MODEL_JSON_FILE_BYTES)
        throw tooLarge(file, 'a model JSON', MAX_MODEL_JSON_FILE_BYTES);
    } else {
      if (file.sizeBytes > MAX_WEIGHT_FILES_BYTES)
        throw tooLarge(file, 'weight files', MAX_WEIGHT_FILES_BYTES);
      weights.push(file);
    }
  }
  const total = weights.reduce((sum, f) => sum + f.sizeBytes, 0);
  if (total > MAX_WEIGHT_FILES_BYTES)
    throw totalTooLarge(weights, 'weight files', MAX_WEIGHT_FILES_BYTES);
}

function checkImageFiles(files: FileSize[]): void {
  for (const file of files) {
    if (file.sizeBytes > MAX_IMAGE_FILE_BYTES) throw tooLarge(file, 'images', MAX_IMAGE_FILE_BYTES);
  }
  const total = files.reduce((sum, f) => sum + f.sizeBytes, 0);
  if (total > MAX_IMAGE_FOLDER_BYTES) throw totalTooLarge(files, 'images', MAX_IMAGE_FOLDER_BYTES);
}

/**
 * Throws FILE_TOO_LARGE naming the file, its size and the limit. `model`: a model.json (any
 * *.json) ≤ 64 MiB and the other files (weight shards) ≤ 512 MiB together; `images`: each
 * image ≤ 16 MiB and the folder ≤ 1 GiB. A size that is not a non-negative number is refused too.
 */
export function checkFileSizes(files: FileSize[], kind: FileSetKind = 'model'): void {
  for (const file of files) {
    if (!(Number.isFinite(file.sizeBytes) && file.sizeBytes >= 0)) {
      throw new LabError(
        'INVALID_ARGUMENT',
        `File "${file.name}" reports size ${file.sizeBytes}; a size must be a non-negative number of bytes.`,
      );
    }
  }
  if (kind === 'model') checkModelFiles(files);
  else checkImageFiles(files);
}
