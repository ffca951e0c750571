/**
 * The two shapes the folder rule (image-files.ts) and the image data source (image-source.ts)
 * share; they live here so that neither file imports the other.
 */

/** One decoded image and its class. */
export interface LabelledPixels {
  /** H×W×C values in [0, 1], channels last. */
  pixels: Float32Array;
  /** Class name (the image's folder); absent for unlabelled data. */
  label?: string;
}

/** A file the folder rule left out, and why. */
export interface SkippedImage {
  path: string;
  reason: string;
}
