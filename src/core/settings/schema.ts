import { IMPORTANCE_CHOICES } from './importance-choices';
import type { ChoiceSetting, NumberSetting, SettingSpec } from './types';

/**
 * Every pipeline setting, once (the lab's answer to TensorFlow Playground's `PROPS` table).
 * From this table come: the URL hash (src/store/url-state.ts: names, defaults, bounds), the
 * settings form (src/ui/pipeline/SettingField.tsx), CLI flags and their checks (cli/args.ts
 * `settingsFromArgs`), the core's schedule bounds (core/limits/schedule-limits.ts) and the
 * table in docs/settings.md (settings-doc.ts; a test fails when the doc is stale).
 * Order is the form's order and the URL's parameter order.
 *
 * Lab defaults: the default demo run (mnist-cnn, 50 %, W8A8) from CLI measurements in
 * docs/results.md ("The lab's default demo run"): 150 fine-tune steps of 64 digits after a
 * 10-step window per unit keep the pruned float model at ≈ 99 %, and 8-bit rounding without
 * training (PTQ, qatSteps 0) keeps it, while a short QAT restarting Adam at 3e-3 cost 0.4–1
 * point. 200 steps scored 0.991 but leave less room under the minute on this 2-core machine.
 * The CLI's own defaults (longer runs) are core's DEFAULT_COMPRESS_CONFIG.
 */

const steps = (max: number, min: number): NumberSetting['range'] => ({ min, max, integer: true });

const BIT_CHOICES = [32, 8, 4, 2].map((b) => ({
  value: b,
  label: b === 32 ? 'fp32' : `${b}-bit`,
}));

const method: ChoiceSetting<string> = {
  kind: 'choice',
  default: 'layerwise',
  choices: [
    { value: 'layerwise', label: 'Layerwise (the paper)' },
    { value: 'oneshot', label: 'One-shot' },
    { value: 'oneshot-early', label: 'One-shot, measured early', cliOnly: true },
    { value: 'stepwise', label: 'Stepwise (cubic ramp, weight L1)' },
    { value: 'weight-l1-layerwise', label: 'Weight-L1 layerwise' },
    { value: 'weight-l1-oneshot', label: 'Weight-L1 one-shot' },
    { value: 'random', label: 'Random (layerwise timing)' },
  ],
  urlParam: 'method',
  cliFlag: 'method',
  label: 'How to choose channels',
  help: 'Layerwise measures and prunes one layer at a time (the paper); the others are baselines.',
  doc: 'The pruning schedule and importance (docs/method.md §4). Layerwise is the paper; one-shot ranks every layer on the dense network; stepwise ramps weight-L1 sparsity; random keeps the layerwise timing.',
  testId: 'setting-method',
};

const importance: ChoiceSetting<string> = {
  kind: 'choice',
  default: 'l1',
  choices: IMPORTANCE_CHOICES,
  urlParam: 'importance',
  cliFlag: 'importance',
  label: 'What makes a channel important',
  help: 'How strongly it fires on average (L1), how often it fires at all (L0), how much the loss depends on it (Taylor), or its weights alone (weight L1); random is a control.',
  doc: 'Importance criterion for the layerwise and one-shot methods, from the criteria registry (src/core/prune/criteria): mean |a| (L1), the share of non-zero activations (L0, 1 − APoZ), mean |a·∂L/∂a| (first-order Taylor), weight L1, or random.',
  testId: 'setting-importance',
};

const sparsity: NumberSetting = {
  kind: 'number',
  default: 0.5,
  range: { min: 0, max: 1, maxOpen: true, integer: false },
  step: 0.05,
  slider: true,
  display: 'percent',
  urlParam: 'sparsity',
  cliFlag: 'sparsity',
  label: 'Channels to remove',
  help: 'The share of channels taken out of every layer that can be pruned.',
  symbol: 's',
  unit: 'share of channels',
  doc: 'Target channel sparsity of every prunable unit; the top k = max(1, round((1 − s)·C)) channels stay.',
  testId: 'setting-sparsity',
};

const statsSteps: NumberSetting = {
  kind: 'number',
  default: 10,
  range: steps(100_000, 1),
  step: 1,
  urlParam: 'statsSteps',
  cliFlag: 'stats-steps',
  label: 'Measure each layer for',
  help: 'Training steps spent watching one layer before its channels are ranked.',
  symbol: 'I',
  unit: 'steps',
  doc: 'Statistics window per unit: importance is the cumulative mean over these steps.',
  testId: 'setting-stats',
};

const refreshSteps: NumberSetting = {
  kind: 'number',
  default: 5,
  range: steps(100_000, 1),
  step: 1,
  urlParam: 'refreshSteps',
  cliFlag: 'refresh',
  label: 'Re-rank channels every',
  help: 'While measuring, which channels are switched off is updated this often.',
  symbol: 'r',
  unit: 'steps',
  doc: 'Mask refresh interval inside a window.',
  testId: 'setting-refresh',
};

const start0: NumberSetting = {
  kind: 'number',
  default: 0,
  range: steps(1_000_000, 0),
  step: 1,
  urlParam: null,
  cliFlag: 'start0',
  label: 'Train before the first layer is measured for',
  help: 'Dense training steps before pruning starts.',
  symbol: 'start₀',
  unit: 'steps',
  doc: 'Dense training steps before the first window (the paper: 196). CLI only.',
};

const finetuneSteps: NumberSetting = {
  kind: 'number',
  default: 150,
  range: steps(1_000_000, 0),
  step: 1,
  urlParam: 'finetuneSteps',
  cliFlag: 'finetune-steps',
  label: 'Re-train after pruning for',
  help: 'Lets the remaining channels make up for the removed ones.',
  unit: 'steps',
  doc: 'Fine-tune steps after the last mask is frozen.',
  testId: 'setting-finetune',
};

const learningRate: NumberSetting = {
  kind: 'number',
  default: 0.003,
  range: { min: 0, max: 10, minOpen: true, integer: false },
  cliRange: { min: 0, max: Infinity, minOpen: true, integer: false },
  step: 0.001,
  urlParam: 'learningRate',
  cliFlag: 'lr',
  label: 'Training step size',
  help: 'Too large forgets what the network knew; too small learns nothing.',
  symbol: 'learning rate',
  doc: 'Adam learning rate (annealed) for all training while pruning, fine-tuning and QAT.',
  testId: 'setting-lr',
};

const batchSize: NumberSetting = {
  kind: 'number',
  default: 64,
  range: steps(4096, 1),
  step: 1,
  urlParam: 'batchSize',
  cliFlag: 'batch',
  label: 'Images per training step',
  help: 'More images per step: steadier, but each step takes longer.',
  symbol: 'batch',
  unit: 'images',
  doc: 'Training batch size; bounded so that a link cannot exhaust memory.',
  testId: 'setting-batch',
};

const wbits: ChoiceSetting<number> = {
  kind: 'choice',
  default: 8,
  choices: BIT_CHOICES,
  urlParam: 'wbits',
  cliFlag: 'wbits',
  label: 'Bits per weight',
  help: '32 keeps full precision; 8 stores the weights four times smaller.',
  unit: 'bits',
  doc: 'Weight bits after pruning (symmetric, per output channel for convolutions); 32 keeps float. The CLI takes any width core accepts and defaults to 32.',
  testId: 'setting-wbits',
};

const abits: ChoiceSetting<number> = {
  kind: 'choice',
  default: 8,
  choices: BIT_CHOICES,
  urlParam: 'abits',
  cliFlag: 'abits',
  label: 'Bits per activation',
  help: 'The numbers one layer passes to the next.',
  unit: 'bits',
  doc: 'Activation bits (asymmetric, per tensor); 32 keeps float. The CLI defaults to 32.',
  testId: 'setting-abits',
};

const qatSteps: NumberSetting = {
  kind: 'number',
  default: 0,
  range: steps(1_000_000, 0),
  step: 1,
  urlParam: 'qatSteps',
  cliFlag: 'qat-steps',
  label: 'Train with rounded numbers for',
  help: '0 rounds once with no training.',
  symbol: 'QAT',
  unit: 'steps',
  doc: 'Quantization-aware training steps after pruning; 0 is post-training quantization (PTQ).',
  testId: 'setting-qat',
};

const seed: NumberSetting = {
  kind: 'number',
  default: 1,
  range: steps(2 ** 31 - 1, 0),
  step: 1,
  urlParam: 'seed',
  cliFlag: 'seed',
  label: 'Random seed',
  help: 'The same seed gives the same run.',
  doc: 'Seeds batch order, augmentation and the random baseline.',
  testId: 'setting-seed',
};

const evalLimit: NumberSetting = {
  kind: 'number',
  default: 1000,
  range: steps(10_000_000, 0),
  step: 1,
  urlParam: 'evalLimit',
  cliFlag: 'eval-limit',
  label: 'Test images to score',
  help: '0 scores every test image (slower, more exact).',
  unit: 'images',
  doc: 'Test examples scored before and after; 0 in the lab (absent in the CLI) scores the whole split.',
  testId: 'setting-eval',
};

export const SETTINGS = {
  method,
  importance,
  sparsity,
  statsSteps,
  refreshSteps,
  start0,
  finetuneSteps,
  learningRate,
  batchSize,
  wbits,
  abits,
  qatSteps,
  seed,
  evalLimit,
} as const satisfies Record<string, SettingSpec>;

export type SettingKey = keyof typeof SETTINGS;

/** The schema's rows in order, each with its key. */
export const SETTING_ROWS: readonly (SettingSpec & { key: SettingKey })[] = (
  Object.keys(SETTINGS) as SettingKey[]
).map((key) => ({ key, ...SETTINGS[key] }));

/** Settings the page shows and links carry (every row with a URL parameter). */
export const LAB_SETTING_ROWS = SETTING_ROWS.filter((row) => row.urlParam !== null);
