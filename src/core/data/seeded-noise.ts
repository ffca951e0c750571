/**
 * Deterministic noise for the "noisy digits" view: the noise added to example k depends only
 * on (seed, k), so the same digit is equally noisy in the browser, the CLI and every run.
 * The generator is core's createRng (random.ts), seeded with exampleSeed(seed, k).
 */

/** Mixes a seed and an example index into a well-spread 32-bit PRNG seed. */
export function exampleSeed(seed: number, exampleIndex: number): number {
  let h = Math.imul((seed ^ 0x9e3779b9) >>> 0, 0x85ebca6b) ^ exampleIndex;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Writes clip(clean + σ·N(0,1), 0, 1) into `out` (Box–Muller normals from `random`).
 * Clipping keeps noisy images valid pixel values, as a sensor would.
 */
export function addClippedGaussianNoise(
  clean: ArrayLike<number>,
  sigma: number,
  random: () => number,
  out: Float32Array,
  outOffset = 0,
): void {
  for (let i = 0; i < clean.length; i += 2) {
    const u1 = 1 - random(); // in (0, 1]: log(u1) is finite
    const u2 = random();
    const radius = Math.sqrt(-2 * Math.log(u1));
    const angle = 2 * Math.PI * u2;
    out[outOffset + i] = clip01(clean[i] + sigma * radius * Math.cos(angle));
    if (i + 1 < clean.length)
      out[outOffset + i + 1] = clip01(clean[i + 1] + sigma * radius * Math.sin(angle));
  }
}

function clip01(v: number): number {
  return v < 0 ? 0 : v > 1 ? 1 : v;
}
