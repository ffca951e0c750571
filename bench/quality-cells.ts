import type { CompressConfig, CompressMethod } from '../src/core/pipeline/compress-config';
import { importanceCriteria, type CriterionId } from '../src/core/prune/criteria/catalog';
import type { CoupledGroupTiming } from '../src/core/prune/group-order';

/**
 * The rows of `npm run bench:quality` (the paper's comparison) and the check that every
 * cell of a run is there: rows × models × sparsities, each with one value per seed.
 */
export interface QualityRowDef {
  id: string;
  label: string;
  /** 'quant-only': QAT of the dense model (no pruning), one cell at sparsity 0. */
  kind: 'prune' | 'narrow' | 'joint-qat' | 'quant-only';
  method?: CompressMethod;
  importance?: CriterionId;
  bits?: { weightBits: number; activationBits: number };
  /** joint-qat: the row whose final model is quantized (layerwise-L1 or the narrow net). */
  base?: 'layerwise-l1' | 'narrow';
  coupledGroups?: CoupledGroupTiming;
  /** Only these models (a residual-timing row means nothing without coupled groups). */
  models?: readonly string[];
  /** In --quick, only these models (a row added later must not lengthen the smoke run much). */
  quickModels?: readonly string[];
}

/**
 * --quick runs a newer criterion on one model only, keeping the smoke run ≤ 20 s longer: Taylor on
 * mnist-resnet (coupled groups: its gradient crosses the Add), ≈ 6 s per cell.
 */
const QUICK_MODELS_OF_CRITERION: Partial<Record<CriterionId, readonly string[]>> = {
  taylor: ['mnist-resnet'],
};

/**
 * One layerwise row per data-driven criterion of the registry (prune/criteria/catalog.ts):
 * layerwise-l1 (the paper), layerwise-l0, layerwise-taylor, … — a new criterion gets its row.
 * The data-free criteria have their own rows below (weight-L1 with both timings, random).
 */
const CRITERION_ROWS: QualityRowDef[] = importanceCriteria()
  .filter((c) => c.needsData)
  .map((c) => ({
    id: `layerwise-${c.id}`,
    label: `layerwise, ${c.label}`,
    kind: 'prune',
    method: 'layerwise',
    importance: c.id,
    ...(QUICK_MODELS_OF_CRITERION[c.id] ? { quickModels: QUICK_MODELS_OF_CRITERION[c.id] } : {}),
  }));

export const QUALITY_ROWS: readonly QualityRowDef[] = [
  ...CRITERION_ROWS,
  { id: 'oneshot-l1', label: 'one-shot-L1', kind: 'prune', method: 'oneshot', importance: 'l1' },
  {
    id: 'oneshot-early-l1',
    label: 'one-shot-L1, masks at the start (layerwise exposure)',
    kind: 'prune',
    method: 'oneshot-early',
    importance: 'l1',
  },
  {
    id: 'layerwise-l1-first-member',
    label: 'layerwise-L1, old residual timing (first member, sum)',
    kind: 'prune',
    method: 'layerwise',
    importance: 'l1',
    coupledGroups: 'first-member',
    models: ['mnist-resnet'],
  },
  {
    id: 'weight-l1-layerwise',
    label: 'weight-L1 layerwise',
    kind: 'prune',
    method: 'weight-l1-layerwise',
  },
  {
    id: 'weight-l1-oneshot',
    label: 'weight-L1 one-shot',
    kind: 'prune',
    method: 'weight-l1-oneshot',
  },
  {
    id: 'stepwise',
    label: 'stepwise (cubic, weight magnitude)',
    kind: 'prune',
    method: 'stepwise',
  },
  { id: 'random', label: 'random', kind: 'prune', method: 'random' },
  { id: 'narrow', label: 'narrow from scratch', kind: 'narrow' },
  {
    id: 'layerwise-l1-w8a8',
    label: 'layerwise-L1 + W8A8 (QAT)',
    kind: 'joint-qat',
    base: 'layerwise-l1',
    bits: { weightBits: 8, activationBits: 8 },
  },
  {
    id: 'layerwise-l1-w4a8',
    label: 'layerwise-L1 + W4A8 (QAT)',
    kind: 'joint-qat',
    base: 'layerwise-l1',
    bits: { weightBits: 4, activationBits: 8 },
  },
  {
    id: 'layerwise-l1-w4a4',
    label: 'layerwise-L1 + W4A4 (QAT)',
    kind: 'joint-qat',
    base: 'layerwise-l1',
    bits: { weightBits: 4, activationBits: 4 },
  },
  {
    id: 'narrow-w8a8',
    label: 'narrow from scratch + W8A8 (QAT, equal footprint)',
    kind: 'joint-qat',
    base: 'narrow',
    bits: { weightBits: 8, activationBits: 8 },
  },
  {
    id: 'narrow-w4a4',
    label: 'narrow from scratch + W4A4 (QAT, equal footprint)',
    kind: 'joint-qat',
    base: 'narrow',
    bits: { weightBits: 4, activationBits: 4 },
  },
  {
    id: 'dense-w8a8',
    label: 'dense + W8A8 (QAT only, no pruning)',
    kind: 'quant-only',
    bits: { weightBits: 8, activationBits: 8 },
  },
  {
    id: 'dense-w4a4',
    label: 'dense + W4A4 (QAT only, no pruning)',
    kind: 'quant-only',
    bits: { weightBits: 4, activationBits: 4 },
  },
];

export const QUALITY_SPARSITIES = [0.5, 0.75] as const;

/** The rows a run covers for `model`: `only` (ids; default all) minus rows for other models. */
export function rowsFor(model: string, only?: readonly string[], quick = false): QualityRowDef[] {
  return QUALITY_ROWS.filter(
    (r) =>
      (!only || only.includes(r.id)) &&
      (!r.models || r.models.includes(model)) &&
      (!quick || !r.quickModels || r.quickModels.includes(model)),
  );
}

/** The sparsities a row is measured at (quantization-only rows: 0, no pruning). */
export function rowSparsities(row: QualityRowDef, sparsities: readonly number[]): number[] {
  return row.kind === 'quant-only' ? [0] : [...sparsities];
}

/** One seed's outcome of one cell. */
export interface QualitySample {
  seed: number;
  metric: number;
  footprintBits: number;
  density: number;
  params: number;
  trainingSteps: number;
}

export interface QualityCell {
  model: string;
  row: string;
  sparsity: number;
  metricName: string;
  samples: QualitySample[];
  error?: string;
}

export interface RankShiftCurve {
  model: string;
  upstream: string;
  unit: string;
  /** BatchNorm statistics of the measurement (absent in runs before issue 20: frozen). */
  bnMode?: 'batch' | 'frozen';
  points: { sparsity: number; kendallTau: number; levenshteinNormalized: number }[];
}

export interface QualityReport {
  mode: 'full' | 'quick';
  date: string;
  machine: { cpus: number; cpuModel: string; node: string; tfjs: string; backend: string };
  seeds: number[];
  budget: Partial<CompressConfig>;
  /** Per-model changes to `budget` and the evaluation size (the denoiser's steps cost 4× more). */
  modelBudgets?: Record<string, { budget: Partial<CompressConfig>; evalLimit?: number }>;
  /** model → whether the shipped trained weights were used (false: random init, quick mode only). */
  trainedWeights: Record<string, boolean>;
  dense: Record<
    string,
    { metricName: string; metric: number; footprintBits: number; density: number }
  >;
  cells: QualityCell[];
  rankShift: RankShiftCurve[];
  /** Row ids and sparsities this run covers (absent: every row at QUALITY_SPARSITIES). */
  rows?: string[];
  sparsities?: number[];
  /** Budget name ('bench' or 'paper': the reference schedule scaled to the epoch). */
  budgetName?: string;
  elapsedMs: number;
}

export function missingQualityCells(r: QualityReport, models: readonly string[]): string[] {
  const missing: string[] = [];
  for (const model of models) {
    if (!r.dense[model]) missing.push(`${model}: no dense baseline`);
    for (const row of rowsFor(model, r.rows, r.mode === 'quick')) {
      for (const s of rowSparsities(row, r.sparsities ?? QUALITY_SPARSITIES)) {
        const cell = r.cells.find((c) => c.model === model && c.row === row.id && c.sparsity === s);
        const what = `${model} ${row.id} @${s}`;
        if (!cell) missing.push(`${what}: no cell`);
        else if (cell.error) missing.push(`${what}: ${cell.error}`);
        else if (cell.samples.length !== r.seeds.length)
          missing.push(`${what}: ${cell.samples.length}/${r.seeds.length} seeds`);
        else if (cell.samples.some((x) => !Number.isFinite(x.metric) || !(x.footprintBits > 0)))
          missing.push(`${what}: non-finite value`);
      }
    }
    const curves = r.rankShift.filter((c) => c.model === model);
    if (curves.length === 0) missing.push(`${model}: no rank-shift pair`);
    for (const c of curves)
      if (c.points.some((p) => !Number.isFinite(p.kendallTau)))
        missing.push(`${model} ${c.upstream}→${c.unit}: non-finite τ`);
  }
  return missing;
}
