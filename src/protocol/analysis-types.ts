/**
 * Plain-data shapes of the analysis requests (rank shift, per-layer details, footprint bits).
 * tfjs-free, so the store and UI import them as types.
 */

/** One upstream sparsity of a rank-shift sweep (method.md §8). */
export interface RankShiftSweepPoint {
  sparsity: number;
  kendallTau: number;
  levenshtein: number;
  levenshteinNormalized: number;
  /** |kept(μ) ∩ kept(ν)| / k at L's target sparsity. */
  keptOverlap: number;
  /** ν: L's channel importance with U pruned at this sparsity. */
  importance: number[];
}

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
