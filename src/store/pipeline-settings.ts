import type { BitWidth, PipelineSettings } from '../protocol/engine-types';
import type { CompressMethod } from '../protocol/page-core';
import { labChoices } from '../protocol/settings';
import { LAB_SETTING_ROWS, SETTINGS, type SettingKey } from '../protocol/settings';

/**
 * Compile-time: each PipelineSettings field but `overrides` is a schema row, and each row but
 * the CLI-only start0 is a PipelineSettings field (tsc fails when the two drift apart).
 */
type LabKey = Exclude<keyof PipelineSettings, 'overrides'>;
type MustBeNever<T extends never> = T;
export type _FieldsWithoutRow = MustBeNever<Exclude<LabKey, SettingKey>>;
export type _RowsWithoutField = MustBeNever<Exclude<SettingKey, LabKey | 'start0'>>;

/**
 * The lab's defaults and choice lists, all read from the settings schema (src/core/settings/
 * schema.ts, which also says why the defaults are what they are).
 */
export const DEFAULT_SETTINGS: PipelineSettings = {
  ...(Object.fromEntries(
    LAB_SETTING_ROWS.map((row) => [row.key, row.default]),
  ) as unknown as PipelineSettings),
  overrides: {},
};

export const METHODS = labChoices(SETTINGS.method) as readonly {
  value: CompressMethod;
  label: string;
}[];

export const BIT_WIDTHS: readonly BitWidth[] = labChoices(SETTINGS.wbits).map(
  (c) => c.value as BitWidth,
);

export function bitLabel(bits: BitWidth): string {
  return SETTINGS.wbits.choices.find((c) => c.value === bits)?.label ?? `${bits}-bit`;
}

/** Total training steps the page can predict before the run starts (for a sanity hint). */
export function layerwiseStepEstimate(settings: PipelineSettings, prunableGroups: number): number {
  const pruning = prunableGroups * (settings.statsSteps + 1);
  const qat = settings.wbits === 32 && settings.abits === 32 ? 0 : settings.qatSteps;
  return pruning + settings.finetuneSteps + qat;
}
