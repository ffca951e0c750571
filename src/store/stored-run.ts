import type { FootprintBitsSummary } from '../worker/analysis-types';
import type { ModelFigures, PipelineSettings } from '../worker/engine-types';

/** A finished run as kept in IndexedDB (plain data; its zip is stored apart, by runId). */
export interface StoredRun {
  runId: string;
  modelName: string;
  settings: PipelineSettings;
  finishedAt: number;
  elapsedMs: number;
  before: ModelFigures;
  after: ModelFigures;
  footprintBefore: FootprintBitsSummary | null;
  footprintAfter: FootprintBitsSummary | null;
  keptChannels: Record<string, number>;
  /** The pipeline's JSON report. */
  report: unknown;
  /** Name of the stored zip, or null with the reason it was not stored. */
  artifactName: string | null;
  artifactNote: string | null;
}

export interface StoredArtifact {
  runId: string;
  name: string;
  bytes: ArrayBuffer;
}
