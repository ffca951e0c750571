/**
 * Cosine decay from `base` to `base · floorFraction` over `steps` steps (step 0 trains at
 * `base`). The fine-tuning phases end on it: a constant rate leaves the last steps noisy, and a
 * short fine-tune recovers measurably more accuracy when it anneals (docs/method.md).
 */
export const DEFAULT_LR_FLOOR_FRACTION = 0.05;

export function cosineDecay(
  base: number,
  step: number,
  steps: number,
  floorFraction = DEFAULT_LR_FLOOR_FRACTION,
): number {
  if (steps <= 1) return base;
  const t = Math.min(1, Math.max(0, step / (steps - 1)));
  const floor = base * floorFraction;
  return floor + ((base - floor) * (1 + Math.cos(Math.PI * t))) / 2;
}
