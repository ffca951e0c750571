import type { CompressConfig, CompressMethod } from '../src/core/pipeline/compress-config';

/**
 * The rows of `npm run bench:quality` (the paper's comparison) and the check that every
 * cell of a run is there: rows × models × sparsities, each with one value per seed.
 */
export interface QualityRowDef {
  id: string;
  label: string;
  kind: 'prune' | 'narrow' | 'joint-qat';
  method?: CompressMethod;
  importance?: 'l1' | 'l0';
  bits?: { weightBits: number; activationBits: number };
}

export const QUALITY_ROWS: readonly QualityRowDef[] = [
  {
    id: 'layerwise-l1',
    label: 'layerwise-L1 (paper)',
    kind: 'prune',
    method: 'layerwise',
    importance: 'l1',
  },
  { id: 'oneshot-l1', label: 'one-shot-L1', kind: 'prune', method: 'oneshot', importance: 'l1' },
  {
    id: 'layerwise-l0',
    label: 'layerwise-L0',
    kind: 'prune',
    method: 'layerwise',
    importance: 'l0',
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
    bits: { weightBits: 8, activationBits: 8 },
  },
  {
    id: 'layerwise-l1-w4a8',
    label: 'layerwise-L1 + W4A8 (QAT)',
    kind: 'joint-qat',
    bits: { weightBits: 4, activationBits: 8 },
  },
  {
    id: 'layerwise-l1-w4a4',
    label: 'layerwise-L1 + W4A4 (QAT)',
    kind: 'joint-qat',
    bits: { weightBits: 4, activationBits: 4 },
  },
];

export const QUALITY_SPARSITIES = [0.5, 0.75] as const;

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
  elapsedMs: number;
}

export function missingQualityCells(r: QualityReport, models: readonly string[]): string[] {
  const missing: string[] = [];
  for (const model of models) {
    if (!r.dense[model]) missing.push(`${model}: no dense baseline`);
    for (const row of QUALITY_ROWS) {
      for (const s of QUALITY_SPARSITIES) {
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
