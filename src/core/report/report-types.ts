/**
 * The report a compression / quantization run hands back: report.json is this object as is,
 * report.md a readable rendering of it (report-markdown.ts). Plain data only.
 */
import type { FootprintBits } from '../footprint/footprint';
import type { InputSizes } from '../footprint/input-bytes';
import type { ModelSpec } from '../model/spec';
import type { CompressConfig } from '../pipeline/compress-config';
import type { QuantConfig } from '../quant/quant-plan';
import type { ActivationRange } from '../quant/quantize-math';

export const REPORT_FORMAT = 'pruning-lab-report';

export type MetricStage = 'dense' | 'pruned' | 'quantized' | 'weight-quantized' | 'stock-export';

export interface StageMetric {
  stage: MetricStage;
  metric: string;
  value: number;
  n: number;
  /** What exactly was evaluated at this stage. */
  what: string;
}

export interface LayerRow {
  /** Unit id (= producer layer name). */
  id: string;
  channelsTotal: number;
  channelsKept: number;
  /** Bits of the unit's kernel (32 = float). */
  weightBits: number;
  /** Bits of its measurement-point activations (32 = float). */
  activationBits: number;
  paramsBefore: number;
  paramsAfter: number;
}

export interface FootprintSummary extends FootprintBits {
  footprintBits: number;
}

export interface QuantSettings extends QuantConfig {
  mode: 'none' | 'qat' | 'ptq';
  qatSteps: number;
  weightDelaySteps: number;
  activationDelaySteps: number;
  calibrationBatches: number;
}

export interface FileSizes {
  fileBytes: number;
  gzipBytes: number;
}

export interface LabReport {
  format: typeof REPORT_FORMAT;
  version: 1;
  kind: 'compress' | 'quantize';
  model: string;
  backend: string;
  config: { compress: CompressConfig | null; quant: QuantSettings };
  layers: LayerRow[];
  /** Pruned groups with the kept channel indices (empty when nothing was pruned). */
  groups: { id: string; total: number; kept: number; keptChannels: number[] }[];
  params: { before: number; after: number };
  bytes: {
    /** What the user supplied (model JSON + weight files); null when the model came from memory. */
    input: InputSizes | null;
    /** Input file bytes ÷ each export's file bytes (above 1: smaller than the input); null without input. */
    vsInput: { stock: number; packed: number } | null;
    /** The dense model's weights as float32 (params × 4): the secondary comparison. */
    denseFloat32: number;
    /** The two export formats of the final model (uncompressed file bytes and gzip bytes). */
    stock: FileSizes;
    packed: FileSizes;
    /** Weight bytes after a stock tfjs load: tfjs dequantizes to float32 (params × 4). */
    runtime: number;
  };
  metrics: StageMetric[];
  footprint: { dense: FootprintSummary; final: FootprintSummary; compressionRatio: number };
  /** Metric per footprint bit; null when no data was given to measure a metric. */
  performanceDensity: { dense: number | null; final: number | null };
  /** Activation-quantized layers with their final bounds (empty at 32 activation bits). */
  activationRanges: Record<string, ActivationRange>;
  notes: string[];
  timings: { totalMs: number; perPhase: Record<string, number> };
}

/** A finished run: the final float (shadow) weights, how to quantize them, and the report. */
export interface LabResult {
  spec: ModelSpec;
  quant: QuantConfig;
  report: LabReport;
  /**
   * The stock export the report measured (model.json + weights): a download in the stock format
   * reuses it instead of exporting again. Absent in a result built elsewhere.
   */
  stockFiles?: Record<string, Uint8Array>;
  /** Classification: the stock export's accuracy within each class, measured with its metric. */
  stockPerClassAccuracy?: number[];
}
