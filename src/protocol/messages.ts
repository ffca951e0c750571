/**
 * The typed message protocol between the page and the engine worker. Only plain data and
 * transferable buffers cross it — never tensors. Every request carries an id; the worker
 * answers once with `response` (ok/error) and may send any number of `event`s meanwhile.
 */
import type { BackendPreference, BackendReport } from '../core/backend-names';
import type { GroupScoresEvent } from '../core/pipeline/pruning-run';
import type { GroupTraceEvent } from '../core/prune/schedule-trace';
import type { ProgressEvent as CoreProgressEvent } from '../core/train/progress';
import type { ExportEstimateInfo } from './download-choice-types';
import type {
  DataId,
  DataSummary,
  EvalSummary,
  ExportBundle,
  FileBytes,
  ImageFileBytes,
  ModelSummary,
  PipelineSettings,
  RunOutcome,
  VerifyOutcome,
} from './engine-types';
import type { WeightQuantOutcome, WeightQuantParams } from './weight-quant-types';
import type { PairShiftRow, RankShiftParams, RankShiftSweep, RunAnalysis } from './analysis-types';

export type * from './engine-types';
export type * from './analysis-types';
export type * from './weight-quant-types';
export type * from './download-choice-types';

export interface ErrorInfo {
  code: string;
  message: string;
}

type NoParams = Record<string, never>;

export interface RequestMap {
  /** `notice` says why the engine is not on its usual backend (null when nothing failed). */
  init: {
    params: { backend: BackendPreference; simulate?: SimulateFlags };
    result: BackendReport & { notice: string | null };
  };
  memory: { params: NoParams; result: MemoryInfo };
  loadDemo: { params: { name: string }; result: ModelSummary };
  /** Buffers are transferred to the worker. */
  loadModelFiles: { params: { files: FileBytes[] }; result: ModelSummary };
  /** http(s) only; shards confined to the model's origin; byte caps; 30 s without a byte ends it. */
  loadModelUrl: { params: { url: string }; result: ModelSummary };
  /** Stops the model fetch in flight (it then fails with CANCELLED). */
  cancelModelLoad: { params: NoParams; result: { cancelled: boolean } };
  inspect: { params: NoParams; result: ModelSummary };
  loadData: { params: { id: DataId }; result: DataSummary };
  /** A dropped image folder (buffers transferred): class subfolders → labels, else unlabelled. */
  loadImageData: { params: { files: ImageFileBytes[] }; result: DataSummary };
  evaluate: { params: { which: 'original' | 'compressed' }; result: EvalSummary };
  /** `memoryBudgetBytes`: the run is refused (MEMORY_BUDGET) when its memory plan exceeds it. */
  runPipeline: {
    params: { runId: string; settings: PipelineSettings; memoryBudgetBytes?: number };
    result: RunOutcome;
  };
  cancel: { params: { runId: string }; result: { cancelled: boolean } };
  /** Files and zip come back as transferred ArrayBuffers. */
  export: { params: NoParams; result: ExportBundle };
  /** Data-free, weight-only quantization of the loaded model; files come back transferred. */
  quantizeWeights: { params: WeightQuantParams; result: WeightQuantOutcome };
  /** Before Run: the export's bytes per format at these settings against the input (null: no input). */
  exportEstimate: { params: { settings: PipelineSettings }; result: ExportEstimateInfo | null };
  /** Reloads downloaded files with stock tf.loadLayersModel and re-evaluates them. */
  verifyDownload: { params: { files: FileBytes[] }; result: VerifyOutcome };
  /** L's rank shift over U's sparsities 0, 0.1, …, 0.9 on a fixed calibration batch (cached). */
  rankShiftSweep: { params: RankShiftParams; result: RankShiftSweep };
  rankShiftPairs: {
    params: { calibrationSize: number; seed: number; targetSparsity: number };
    result: PairShiftRow[];
  };
  /** Footprint bits and per-unit histograms of the last compressed model. */
  analyzeLastRun: { params: NoParams; result: RunAnalysis };
  /** Training memory of the loaded model at this batch size against the page's budget. */
  estimateMemory: {
    params: { batchSize: number; budgetBytes: number };
    result: MemoryEstimateInfo;
  };
  /** The run's memory plan per phase for these settings against the page's budget. */
  memoryPlan: {
    params: { settings: PipelineSettings; budgetBytes: number };
    result: MemoryPlanInfo;
  };
  /** Milliseconds of one training step at this batch and of one evaluated example, measured. */
  timeSteps: {
    params: { batchSize: number };
    result: { trainStepMs: number; evalExampleMs: number };
  };
  /** Debug (?debug): the worker closes itself after answering — no error event, just silence. */
  debugClose: { params: NoParams; result: { closing: boolean } };
  /** Debug (?debug): an uncaught error thrown asynchronously inside the worker, as a crash would. */
  debugCrash: { params: NoParams; result: { scheduled: boolean } };
}

/** Failure simulations from the page URL (?simulate=…), for the robustness specs. */
export interface SimulateFlags {
  /** `device-lost-after=N`: the backend is "lost" after N training steps of the first run. */
  deviceLostAfterSteps?: number;
  /** `no-wasm`: the wasm binaries are looked for at a URL that does not exist. */
  noWasm?: boolean;
  /** `export-delay=MS`: the export stage waits this long (a big model's export), so a cancel can land in it. */
  exportDelayMs?: number;
  /**
   * `fatal-batch=N`: a run at batch size N fails with a plain (untyped) error after allocating,
   * as TensorFlow.js does when its memory gives out — the page must restart the engine.
   */
  fatalBatchSize?: number;
  /** `heap-limit-mib=N`: tensor allocations past N MiB fail like a wasm abort (memory specs). */
  heapLimitMiB?: number;
  /** `wasm-threads=N`: the wasm backend's thread pool size (1 = the single-thread baseline of the speed specs). */
  wasmThreads?: number;
}

export interface MemoryPlanInfo {
  phases: { phase: string; bytes: number }[];
  peakBytes: number;
  peakPhase: string;
  budgetBytes: number;
  fits: boolean;
  largestBatch: number;
  /** Why Run is refused and what would fit; null when the plan fits. */
  refusal: string | null;
}

export interface MemoryEstimateInfo {
  bytes: number;
  budgetBytes: number;
  ok: boolean;
  warning: string | null;
}

export type RequestType = keyof RequestMap;

export interface MemoryInfo {
  numTensors: number;
  numBytes: number;
}

export interface WorkerRequest<T extends RequestType = RequestType> {
  kind: 'request';
  id: number;
  type: T;
  params: RequestMap[T]['params'];
}

/** Liveness probe: answered at once by the worker's message loop, outside any request. */
export interface WorkerPing {
  kind: 'ping';
  id: number;
}

export type WorkerResponse =
  | { kind: 'response'; id: number; ok: true; result: unknown }
  | { kind: 'response'; id: number; ok: false; error: ErrorInfo };

export interface WorkerEvent {
  kind: 'event';
  /** The request this event belongs to (e.g. a run's progress), or 0 for global events. */
  id: number;
  event: EngineEvent;
}

/**
 * Run events are core's own event shapes tagged with their kind and run id, so one shape
 * travels from the pipeline to the store: the worker adds the tag, nobody renames fields.
 */
type RunTagged<K extends string, E> = { type: K; runId: string } & E;

/**
 * Core's training progress; `runStep` counts steps since the run started, across phases (the
 * loss curve's x axis); a non-finite loss and an unknown ETA cross as null (JSON-safe).
 */
export type ProgressEvent = RunTagged<
  'progress',
  Omit<CoreProgressEvent, 'loss' | 'etaMs'> & {
    runStep: number;
    loss: number | null;
    etaMs: number | null;
  }
>;

/** A group changed phase (core's schedule trace; report.trace holds the same entries). */
export type TraceEvent = RunTagged<'trace', GroupTraceEvent>;

/** A group's mask was recomputed: the importance it ranked and the channels it keeps. */
export type ImportanceEvent = RunTagged<'importance', GroupScoresEvent>;

export type EngineEvent =
  | { type: 'backend'; report: BackendReport; notice?: string | null }
  | { type: 'log'; message: string }
  | ProgressEvent
  | TraceEvent
  | ImportanceEvent;

export type WorkerMessage = WorkerResponse | WorkerEvent | { kind: 'pong'; id: number };
