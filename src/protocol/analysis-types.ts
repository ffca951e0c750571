/**
 * Plain-data shapes of the analysis requests (rank shift, per-layer details, footprint bits).
 * Type-only imports from core, so the store and UI import them without loading tfjs.
 */
import type { RankShiftPoint } from '../core/rank-shift/analysis';

/**
 * One upstream sparsity of a rank-shift sweep (method.md §8): core's point as it computes it
 * (τ, Levenshtein, the kept-set overlap |kept(μ) ∩ kept(ν)| / k, and ν).
 */
export type RankShiftSweepPoint = RankShiftPoint;

export interface RankShiftSweep {
  unit: string;
  upstream: string;
  calibrationSize: number;
  targetSparsity: number;
  denseImportance: number[];
  points: RankShiftSweepPoint[];
  elapsedMs: number;
}

export interface RankShiftParams {
  unit: string;
  upstream: string;
  targetSparsity: number;
  calibrationSize: number;
  seed: number;
}

export interface PairShiftRow {
  upstream: string;
  unit: string;
  /** τ keyed by upstream sparsity as a string ('0.25'). */
  kendallTau: Record<string, number>;
}

/** Equal-width bins over [lo, hi]. */
export interface Histogram {
  lo: number;
  hi: number;
  counts: number[];
}

export interface FootprintBitsSummary {
  weightBits: number;
  activationBits: number;
  footprintBits: number;
}

/** One prunable unit of a finished run, before → after. */
export interface UnitDetail {
  unitId: string;
  groupId: string;
  producerClass: string;
  channelsTotal: number;
  channelsKept: number;
  paramsBefore: number;
  paramsAfter: number;
  /** Weight bytes as stored: float32 before; quantized kernel bits + float32 rest after. */
  bytesBefore: number;
  bytesAfter: number;
  /** Dense-model activation importance on the calibration batch (one value per channel). */
  importance: Histogram;
  /** Importance value between the k-th and (k+1)-th channel (null when all channels are kept). */
  importanceCut: number | null;
  weightsBefore: Histogram;
  weightsAfter: Histogram;
  /** Grid spacing of the widest channel (largest scale); null for float weights. */
  gridStep: number | null;
}

export interface RunAnalysis {
  runId: string;
  wbits: number;
  abits: number;
  units: UnitDetail[];
}
