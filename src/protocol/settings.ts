/**
 * The settings schema and the importance-criteria catalog for the page: both are plain data in
 * core (no tfjs), re-exported here because the page imports core only through src/protocol.
 */
export { inRange, labChoices, matchChoice, rangeText } from '../core/settings/bounds';
export { LAB_SETTING_ROWS, SETTINGS, type SettingKey } from '../core/settings/schema';
export type { ChoiceSetting, NumberSetting, SettingSpec } from '../core/settings/types';
export { importanceCriteria, type Criterion } from '../core/prune/criteria/catalog';
