import type { FootprintBitsSummary } from '../protocol/analysis-types';
import type {
  LabReport,
  ModelFigures,
  PipelineSettings,
  RunReport,
} from '../protocol/engine-types';

/** The schema of a stored run; records written before versions existed read as 0. */
export const STORED_RUN_VERSION = 1;

/**
 * A finished run as kept in IndexedDB (plain data; its zip is stored apart, by runId).
 * Records are migrated to this shape when read (stored-run-migrate.ts).
 */
export interface StoredRun {
  schemaVersion: typeof STORED_RUN_VERSION;
  runId: string;
  modelName: string;
  settings: PipelineSettings;
  finishedAt: number;
  elapsedMs: number;
  before: ModelFigures;
  after: ModelFigures;
  /** report.json's dense and final footprints (null when the report has none). */
  footprintBefore: FootprintBitsSummary | null;
  footprintAfter: FootprintBitsSummary | null;
  keptChannels: Record<string, number>;
  /** The pipeline's report (groups, trace). */
  report: RunReport;
  /** report.json of the run (null for runs stored before version 1). */
  labReport: LabReport | null;
  /** Name of the stored zip, or null with the reason it was not stored. */
  artifactName: string | null;
  artifactNote: string | null;
}

export interface StoredArtifact {
  runId: string;
  name: string;
  bytes: ArrayBuffer;
}
