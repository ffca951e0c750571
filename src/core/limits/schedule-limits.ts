import { LabError } from '../errors';

/**
 * Bounds on the numbers that size a run, so a typo or a hostile link (`--start0 1e9`,
 * `batchSize=10000000`) is refused at once instead of running for days or exhausting memory.
 * They sit far above any run the lab is meant for: the demos use batch 32–64 and a few
 * thousand steps; a million wasm steps of the small CNN already take ≈ 17 hours.
 */
export const SCHEDULE_LIMITS = {
  batchSize: { min: 1, max: 4096 },
  statsSteps: { min: 1, max: 100_000 },
  refreshSteps: { min: 1, max: 100_000 },
  start0: { min: 0, max: 1_000_000 },
  finetuneSteps: { min: 0, max: 1_000_000 },
  qatSteps: { min: 0, max: 1_000_000 },
  evalLimit: { min: 0, max: 10_000_000 },
} as const;

export type BoundedSetting = keyof typeof SCHEDULE_LIMITS;

/** An integer inside its bound, or a LabError naming the setting, the value and the range. */
export function checkScheduleSetting(name: BoundedSetting, value: number | undefined): void {
  if (value === undefined) return;
  const { min, max } = SCHEDULE_LIMITS[name];
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new LabError(
      'INVALID_ARGUMENT',
      `${name} must be an integer from ${min} to ${max}, got ${value}.`,
    );
  }
}

/** Every bounded setting present in `config`. */
export function checkScheduleLimits(config: Partial<Record<BoundedSetting, number>>): void {
  for (const name of Object.keys(SCHEDULE_LIMITS) as BoundedSetting[])
    checkScheduleSetting(name, config[name]);
}
