/**
 * The worker's state between requests: the loaded model, the data source, the last
 * compressed model and the runs in flight. Plain module state — one worker, one session.
 */
import type { InputSizes } from '../core/footprint/input-bytes';
import type { ModelSpec } from '../core/model/spec';
import type { DataSource } from '../core/data/source';
import type { MnistAsset } from '../core/data/mnist';
import { LabError } from '../core/errors';
import type {
  LoadedDataId,
  ModelFigures,
  ModelSummary,
  PipelineSettings,
  RunReport,
} from '../protocol/engine-types';

export interface LoadedModel {
  spec: ModelSpec;
  summary: ModelSummary;
  /** The files the user gave (sizes against them: core/footprint/input-bytes.ts). */
  input?: InputSizes;
}

export interface CompressedModel {
  runId: string;
  spec: ModelSpec;
  settings: PipelineSettings;
  /** The stock artifact files (model.json + weights) the page downloads. */
  files: Record<string, Uint8Array>;
  report: RunReport;
  before: ModelFigures;
  after: ModelFigures;
}

export interface Session {
  model: LoadedModel | null;
  data: { id: LoadedDataId; source: DataSource } | null;
  mnistAsset: MnistAsset | null;
  compressed: CompressedModel | null;
  runs: Map<string, AbortController>;
}

export const session: Session = {
  model: null,
  data: null,
  mnistAsset: null,
  compressed: null,
  runs: new Map(),
};

export function requireModel(): LoadedModel {
  if (!session.model)
    throw new LabError('NOT_READY', 'No model is loaded: pick a demo or drop a model.json first.');
  return session.model;
}

export function requireData(): { id: LoadedDataId; source: DataSource } {
  if (!session.data)
    throw new LabError('NOT_READY', 'No data is loaded: choose MNIST or noisy MNIST first.');
  return session.data;
}

export function requireCompressed(): CompressedModel {
  if (!session.compressed)
    throw new LabError('NOT_READY', 'No compressed model yet: run the pipeline first.');
  return session.compressed;
}
