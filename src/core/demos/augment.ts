/**
 * Training-time augmentation for 28×28 digits: rotation, zoom and shift with bilinear resampling
 * and zero fill. With only 8,000 training digits it is what lets the demo CNNs pass 99 % test
 * accuracy (docs/data.md).
 */

export interface AffineRange {
  /** Largest rotation, degrees (uniform in ±). */
  maxRotationDeg: number;
  /** Largest relative zoom (uniform in 1 ± maxScale). */
  maxScale: number;
  /** Largest translation, pixels (uniform, continuous, in ±). */
  maxShiftPx: number;
}

export interface AffineParams {
  /** Rotation, radians. */
  angle: number;
  scale: number;
  ty: number;
  tx: number;
}

/** Draws one image's rotation, zoom and shift uniformly within `range`. */
export function randomAffineParams(range: AffineRange, random: () => number): AffineParams {
  const uniform = (max: number) => (2 * random() - 1) * max;
  return {
    angle: (uniform(range.maxRotationDeg) * Math.PI) / 180,
    scale: 1 + uniform(range.maxScale),
    ty: uniform(range.maxShiftPx),
    tx: uniform(range.maxShiftPx),
  };
}

/**
 * The inverse map of rotation + zoom about the image centre followed by a shift, as the
 * 8-vector [a0, a1, a2, b0, b1, b2, 0, 0] of tf.image.transform: output pixel (x, y) samples the
 * source at (a0·x + a1·y + a2, b0·x + b1·y + b2).
 */
export function inverseAffine(t: AffineParams, height: number, width: number): number[] {
  const cy = (height - 1) / 2;
  const cx = (width - 1) / 2;
  const cos = Math.cos(t.angle) / t.scale;
  const sin = Math.sin(t.angle) / t.scale;
  const [ox, oy] = [cx + t.tx, cy + t.ty];
  return [cos, sin, cx - cos * ox - sin * oy, -sin, cos, cy + sin * ox - cos * oy, 0, 0];
}

/** Resamples one H×W image under `transform` with bilinear interpolation and zero fill. */
export function affineImage(
  src: ArrayLike<number>,
  height: number,
  width: number,
  transform: AffineParams,
  out: Float32Array,
  outOffset = 0,
  srcOffset = 0,
): void {
  const [a0, a1, a2, b0, b1, b2] = inverseAffine(transform, height, width);
  const pixel = (y: number, x: number) =>
    y >= 0 && y < height && x >= 0 && x < width ? src[srcOffset + y * width + x] : 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const sx = a0 * x + a1 * y + a2;
      const sy = b0 * x + b1 * y + b2;
      const y0 = Math.floor(sy);
      const x0 = Math.floor(sx);
      const fy = sy - y0;
      const fx = sx - x0;
      const top = pixel(y0, x0) * (1 - fx) + pixel(y0, x0 + 1) * fx;
      const bottom = pixel(y0 + 1, x0) * (1 - fx) + pixel(y0 + 1, x0 + 1) * fx;
      out[outOffset + y * width + x] = top * (1 - fy) + bottom * fy;
    }
  }
}

/** Applies its own random rotation, zoom and shift (within `range`) to every image of a batch. */
export function randomAffineBatch(
  pixels: Float32Array,
  height: number,
  width: number,
  range: AffineRange,
  random: () => number,
): Float32Array {
  const size = height * width;
  const out = new Float32Array(pixels.length);
  for (let n = 0; n < pixels.length / size; n++) {
    const transform = randomAffineParams(range, random);
    affineImage(pixels, height, width, transform, out, n * size, n * size);
  }
  return out;
}
