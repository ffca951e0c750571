/**
 * Plain-data shapes the engine worker sends to the page. Type-only imports from core: this
 * module has no runtime code, so the page that imports it never loads tfjs.
 */
import type { LayerPreflight } from '../core/graph/supported-layers';
import type { ExportEstimate } from '../core/footprint/export-estimate';
import type { NestingBlock } from '../core/model/nesting-tree';
import type { BuiltinDataId } from '../core/data/builtin-data';
import type { ClassSamples } from '../core/data/class-samples';
import type { CompressMethod } from '../core/pipeline/compress-config';
import type { CriterionId } from '../core/prune/criteria/catalog';
import type { CompressReport } from '../core/pipeline/compress';
import type { GroupTraceEvent } from '../core/prune/schedule-trace';
import type { FootprintSummary, LabReport } from '../core/report/report-types';

/** The pipeline's own report of a run (config, groups, trace, surgery check), as core builds it. */
export type RunReport = CompressReport;
/** One entry of a run's trace: a group's phase change (the same shape as the live trace event). */
export type TraceEntry = GroupTraceEvent;
/** The run's report.json (dense → pruned → quantized, bytes, footprints), as the CLI writes it. */
export type { FootprintSummary, LabReport };
import type { DownloadChoice } from './download-choice-types';

export type DataId = BuiltinDataId;
/** What the engine holds: a built-in set, or a dropped image folder ('images'). */
export type LoadedDataId = DataId | 'images';
/** Unlabelled data is scored by top-1 agreement with the original model. */
export type MetricName = 'accuracy' | 'psnr' | 'agreement';

/** One dropped image file: its relative path as dropped, e.g. "digits/3/img01.png". */
export interface ImageFileBytes {
  path: string;
  bytes: ArrayBuffer;
}

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
  /** What was read when it was not a TensorFlow.js model, e.g. "Keras 3 .keras, Functional, 16 layers". */
  sourceSummary?: string;
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
  importance: CriterionId;
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
  /** The pipeline's report (groups, trace): typed, so the page reads it without guessing. */
  report: RunReport;
  /** report.json of the run; the page reads footprints and bytes from it, never recomputes them. */
  labReport: LabReport | null;
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
