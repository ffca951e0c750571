/**
 * The one door from the page into core: the tfjs-free core modules that src/ui and src/store
 * use, re-exported. The page imports only src/protocol, src/store, src/ui and named packages
 * (eslint.config.js, page fence); `protocol-tfjs-free.test.ts` proves that nothing behind
 * src/protocol loads tfjs at runtime.
 */
export {
  parseBackendPreference,
  type BackendPreference,
  type BackendReport,
} from '../core/backend-names';
export { BUILTIN_DATA, isBuiltinDataId } from '../core/data/builtin-data';
export type { ClassSamples } from '../core/data/class-samples';
export { DEMOS, findDemo, type DemoInfo } from '../core/demos/registry';
export { checkFileSizes, type FileSetKind } from '../core/limits/file-limits';
export {
  estimateRunMs,
  FIRST_RUN_BUDGET_MS,
  SIZING_BUDGET_MS,
  stepsWithinBudget,
  type RunCosts,
} from '../core/limits/run-time-plan';
export { SCHEDULE_LIMITS, type BoundedSetting } from '../core/limits/schedule-limits';
export type { NestingBlock } from '../core/model/nesting-tree';
export type { CompressMethod } from '../core/pipeline/compress-config';
export { csvCell } from '../core/report/inert-text';
export { largerWarning, sizeLabel, vsInputPhrase } from '../core/report/size-vs-input';
