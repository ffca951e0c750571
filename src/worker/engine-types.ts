/**
 * Plain-data shapes the engine worker sends to the page (tfjs-free, so the store and UI
 * may import them as types).
 */
import type { LayerPreflight } from '../core/graph/supported-layers';
import type { NestingBlock } from '../core/model/nesting-tree';
import type { BuiltinDataId } from '../core/data/builtin-data';
import type { ClassSamples } from '../core/data/class-samples';
import type { CompressMethod } from '../core/pipeline/compress-config';

export type DataId = BuiltinDataId;
/** What the engine holds: a built-in set, or a dropped image folder ('images'). */
export type LoadedDataId = DataId | 'images';
/** Unlabelled data is scored by top-1 agreement with the original model. */
export type MetricName = 'accuracy' | 'psnr' | 'agreement';

export interface FileBytes {
  name: string;
  bytes: ArrayBuffer;
}

export interface UnitSummary {
  id: string;
  groupId: string;
  producerClass: string;
  channels: number;
}

export interface GroupSummary {
  id: string;
  units: string[];
  channels: number;
  prunable: boolean;
  reason?: string;
}

export interface ModelSummary {
  name: string;
  /** Where it came from: a demo name, a URL or the dropped file names. */
  origin: string;
  layers: number;
  groups: GroupSummary[];
  units: UnitSummary[];
  channels: number;
  params: number;
  /** Bytes of the weights as loaded (their stored dtypes). */
  weightBytes: number;
  inputShape: number[];
  /** Set when the weights arrived quantized (tfjs dequantizes them to float32 on load). */
  quantizedWeightsNote: string | null;
  preflight: LayerPreflight[];
  /** The original nesting of a model that held nested models (null when it held none). */
  nesting?: NestingBlock | null;
}

export interface DataSummary {
  id: LoadedDataId;
  task: string;
  inputShape: number[];
  trainSize: number;
  testSize: number;
  numClasses: number | null;
  /** Class names in label order (folder names for dropped images; empty when unlabelled). */
  classNames?: string[];
  /** One test image per class (built-in classification data only). */
  samples?: ClassSamples;
}

export interface EvalSummary {
  metric: MetricName;
  value: number;
  n: number;
  /** Classification: accuracy within each class, in label order (NaN: no example). */
  perClassAccuracy?: number[];
}

export type BitWidth = 32 | 8 | 4 | 2;

/**
 * What the page asks the pipeline to run: the user-facing subset of core's CompressConfig
 * (same field names, so the worker passes it straight through resolveCompressConfig).
 */
export interface PipelineSettings {
  method: CompressMethod;
  importance: 'l1' | 'l0';
  /** Global target channel sparsity in [0, 1). */
  sparsity: number;
  /** Per-group sparsity overrides by group id. */
  overrides: Record<string, number>;
  statsSteps: number;
  refreshSteps: number;
  finetuneSteps: number;
  learningRate: number;
  batchSize: number;
  /** 32 = float. */
  wbits: BitWidth;
  abits: BitWidth;
  qatSteps: number;
  seed: number;
  /** Test examples scored before and after (0 = the whole test split). */
  evalLimit: number;
}

/** One side of the before → after comparison. */
export interface ModelFigures {
  metric: MetricName;
  value: number;
  evaluated: number;
  params: number;
  fileBytes: number;
  gzipBytes: number | null;
  footprintBits: number | null;
  /** metric / footprint in bits (method.md §7). */
  density: number | null;
  /** Classification: accuracy within each class, in label order (NaN: no example). */
  perClassAccuracy?: number[];
}

export interface RunOutcome {
  runId: string;
  before: ModelFigures;
  after: ModelFigures;
  elapsedMs: number;
  keptChannels: Record<string, number>;
  /** JSON-safe report from the pipeline. */
  report: unknown;
}

export interface ExportBundle {
  files: FileBytes[];
  zip: FileBytes;
}

export interface VerifyOutcome {
  metric: MetricName;
  value: number;
  n: number;
  reportedValue: number;
  params: number;
}
