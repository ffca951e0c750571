/**
 * Plain-data shapes the engine worker sends to the page (tfjs-free, so the store and UI
 * may import them as types).
 */
import type { LayerPreflight } from '../core/graph/supported-layers';
import type { ExportEstimate } from '../core/footprint/export-estimate';
import type { NestingBlock } from '../core/model/nesting-tree';
import type { BuiltinDataId } from '../core/data/builtin-data';
import type { ClassSamples } from '../core/data/class-samples';
import type { CompressMethod } from '../core/pipeline/compress-config';
import type { DownloadChoice } from './download-choice-types';

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
  /** BN / activation layers that follow the producer channel by channel. */
  followers?: string[];
}

/** One layer of the model graph as the network view draws it. */
export interface LayerNode {
  name: string;
  className: string;
  /** Names of the layers feeding it, in call order. */
  inbound: string[];
  /** A fused activation from the layer's config ('relu'), when not linear. */
  activation?: string;
}

/** Bits a unit ends with (32 = float). */
export interface UnitBits {
  weightBits: number;
  activationBits: number;
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
  /** Implausible weight values found on load (spec.meta.warnings). */
  warnings?: string[];
  preflight: LayerPreflight[];
  /** The files the user gave: model JSON + weight files, their gzip, the weights' stored dtype. */
  input?: { fileBytes: number; gzipBytes: number; storedDtype: string };
  /** Data-free export sizes (float16, 8…2 bits per-channel), estimated before any run. */
  sizeEstimates?: ExportEstimate[];
  /** Every layer in topological order (the network view's skeleton). */
  topology?: LayerNode[];
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
  /** Dropped image files left out by the shared folder rule (core/data/image-files.ts), with why. */
  skippedImages?: { path: string; reason: string }[];
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
  /** The files the user gave (sizes are compared with them first); absent when unknown. */
  input?: { fileBytes: number; gzipBytes: number; storedDtype: string };
  /** Final weight / activation bits per unit id (report.json's layers). */
  unitBits?: Record<string, UnitBits>;
  /** JSON-safe report from the pipeline. */
  report: unknown;
  /** The download's format (the smaller file) and the warning when stock is not smaller. */
  download?: DownloadChoice;
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
