/**
 * Task metrics on plain arrays (no tensors), so that they are exact and easy to test.
 *
 * PSNR convention: pixels in [0, 1], peak 1.0; the reported PSNR of a set is the MEAN OVER
 * IMAGES of each image's PSNR (not the PSNR of the pooled MSE), capped at MAX_PSNR_DB so that a
 * perfect image does not make the mean infinite.
 */
import { LabError } from '../errors';

export const MAX_PSNR_DB = 100;

/** Index of the largest score in each row of a [n, numClasses] row-major array (first on ties). */
export function argmaxRows(scores: ArrayLike<number>, numClasses: number): Int32Array {
  if (numClasses < 1 || scores.length % numClasses !== 0) {
    throw new LabError(
      'SHAPE_MISMATCH',
      `Scores of length ${scores.length} do not split into rows of ${numClasses}.`,
    );
  }
  const rows = scores.length / numClasses;
  const out = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    let best = 0;
    for (let c = 1; c < numClasses; c++)
      if (scores[r * numClasses + c] > scores[r * numClasses + best]) best = c;
    out[r] = best;
  }
  return out;
}

function matchFraction(a: ArrayLike<number>, b: ArrayLike<number>, what: string): number {
  if (a.length !== b.length)
    throw new LabError(
      'SHAPE_MISMATCH',
      `${what}: ${a.length} predictions but ${b.length} references.`,
    );
  if (a.length === 0) throw new LabError('INVALID_DATA', `${what}: no examples to score.`);
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}

/** Fraction of rows whose top-scoring class equals the label. */
export function accuracy(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  numClasses: number,
): number {
  return matchFraction(argmaxRows(scores, numClasses), labels, 'Accuracy');
}

/** Fraction of rows where the model's top class equals the reference model's top class. */
export function agreement(
  scores: ArrayLike<number>,
  referenceScores: ArrayLike<number>,
  numClasses: number,
): number {
  return matchFraction(
    argmaxRows(scores, numClasses),
    argmaxRows(referenceScores, numClasses),
    'Agreement',
  );
}

/** PSNR in dB of one image (peak 1.0), capped at MAX_PSNR_DB. */
export function psnr(
  predicted: ArrayLike<number>,
  target: ArrayLike<number>,
  offset = 0,
  length = target.length,
): number {
  let squaredError = 0;
  for (let i = offset; i < offset + length; i++) {
    const d = predicted[i] - target[i];
    squaredError += d * d;
  }
  const mse = squaredError / length;
  if (mse === 0) return MAX_PSNR_DB;
  return Math.min(MAX_PSNR_DB, -10 * Math.log10(mse));
}

/** Per-image PSNRs of a batch stored as [n, pixelsPerImage] row-major arrays. */
export function imagePsnrs(
  predicted: ArrayLike<number>,
  target: ArrayLike<number>,
  pixelsPerImage: number,
): Float64Array {
  if (
    predicted.length !== target.length ||
    pixelsPerImage < 1 ||
    target.length % pixelsPerImage !== 0
  ) {
    throw new LabError(
      'SHAPE_MISMATCH',
      `PSNR: ${predicted.length} predicted and ${target.length} target values do not form images of ${pixelsPerImage} pixels.`,
    );
  }
  const n = target.length / pixelsPerImage;
  return Float64Array.from({ length: n }, (_, k) =>
    psnr(predicted, target, k * pixelsPerImage, pixelsPerImage),
  );
}

/** Mean over images of per-image PSNR (the lab's PSNR of a set). */
export function meanImagePsnr(
  predicted: ArrayLike<number>,
  target: ArrayLike<number>,
  pixelsPerImage: number,
): number {
  const values = imagePsnrs(predicted, target, pixelsPerImage);
  if (values.length === 0) throw new LabError('INVALID_DATA', 'PSNR: no images to score.');
  return values.reduce((s, v) => s + v, 0) / values.length;
}
