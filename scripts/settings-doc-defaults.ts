import { DEFAULT_COMPRESS_CONFIG, DEFAULT_QAT_STEPS } from '../src/core/pipeline/compress-config';
import { FLOAT_BITS } from '../src/core/quant/quant-plan';
import type { SettingKey } from '../src/core/settings/schema';

/** What `prune-lab compress` uses when a flag is absent (evalLimit absent: the whole split). */
export function cliSettingDefaults(): Partial<Record<SettingKey, unknown>> {
  return {
    ...DEFAULT_COMPRESS_CONFIG,
    wbits: FLOAT_BITS,
    abits: FLOAT_BITS,
    qatSteps: DEFAULT_QAT_STEPS,
    evalLimit: undefined,
  };
}
