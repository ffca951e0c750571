import { LabError } from '../errors';
import { SETTINGS } from '../settings/schema';

/**
 * Bounds on the numbers that size a run, so a typo or a hostile link (`--start0 1e9`,
 * `batchSize=10000000`) is refused at once instead of running for days or exhausting memory.
 * They sit far above any run the lab is meant for: the demos use batch 32–64 and a few
 * thousand steps; a million wasm steps of the small CNN already take ≈ 17 hours. The numbers
 * live in the settings schema, which the URL state and the CLI read as well.
 */
export const SCHEDULE_LIMITS = {
  batchSize: limitsOf('batchSize'),
  statsSteps: limitsOf('statsSteps'),
  refreshSteps: limitsOf('refreshSteps'),
  start0: limitsOf('start0'),
  finetuneSteps: limitsOf('finetuneSteps'),
  qatSteps: limitsOf('qatSteps'),
  evalLimit: limitsOf('evalLimit'),
} as const;

/** The integer bounds the settings schema (core/settings/schema.ts) gives a step count. */
function limitsOf(
  key:
    | 'batchSize'
    | 'statsSteps'
    | 'refreshSteps'
    | 'start0'
    | 'finetuneSteps'
    | 'qatSteps'
    | 'evalLimit',
): { min: number; max: number } {
  const { min, max } = SETTINGS[key].range;
  return { min, max };
}

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
