/**
 * Finished runs survive a reload: each new run's report (and its zip, up to a size cap) is
 * written to IndexedDB; on start the stored runs are read back into the store. Storage
 * failures are shown in the panel, never swallowed.
 */
import { exportBundle } from './lab-actions';
import { getEngine } from './engine-connection';
import {
  ARTIFACTS_STORE,
  RUNS_STORE,
  clearStores,
  getAllRecords,
  getRecord,
  putRecord,
} from './idb-store';
import type { RunRecord } from './run-slice';
import { useLabStore } from './store';
import { STORED_RUN_VERSION, type StoredArtifact, type StoredRun } from './stored-run';
import { migrateStoredRun } from './stored-run-migrate';
import type { FootprintBitsSummary } from '../protocol/analysis-types';
import type { FootprintSummary } from '../protocol/engine-types';

/** Zips above this are not kept (the report still is). */
export const ARTIFACT_CAP_BYTES = 8 * 1024 * 1024;

export function storageMessage(e: unknown, what: string): string {
  const name = e instanceof DOMException ? e.name : '';
  if (name === 'QuotaExceededError') {
    return `Browser storage is full: could not save ${what}. Delete stored runs or free space for this site.`;
  }
  return `Could not save ${what}: ${e instanceof Error ? e.message : String(e)}`.replace(
    /\.?$/,
    '.',
  );
}

function bitsOf(summary: FootprintSummary | undefined): FootprintBitsSummary | null {
  if (!summary) return null;
  const { weightBits, activationBits, footprintBits } = summary;
  return { weightBits, activationBits, footprintBits };
}

/** The run as stored; its footprints are report.json's (never recomputed on the page). */
export function toStoredRun(
  record: RunRecord,
  artifact: { name: string | null; note: string | null },
): StoredRun {
  const { outcome } = record;
  return {
    schemaVersion: STORED_RUN_VERSION,
    runId: outcome.runId,
    modelName: record.modelName,
    settings: record.settings,
    finishedAt: record.finishedAt,
    elapsedMs: outcome.elapsedMs,
    before: outcome.before,
    after: outcome.after,
    footprintBefore: bitsOf(outcome.labReport?.footprint.dense),
    footprintAfter: bitsOf(outcome.labReport?.footprint.final),
    keptChannels: outcome.keptChannels,
    report: outcome.report,
    labReport: outcome.labReport,
    artifactName: artifact.name,
    artifactNote: artifact.note,
  };
}

/** The per-unit table of the analysis panel (histograms need the model, so the worker builds it). */
async function analyze(): Promise<void> {
  try {
    useLabStore.getState().setRunAnalysis(await getEngine().request('analyzeLastRun', {}));
  } catch (e) {
    useLabStore.getState().setRunAnalysis(null, e instanceof Error ? e.message : String(e));
  }
}

async function storeArtifact(runId: string): Promise<{ name: string | null; note: string | null }> {
  const { zip } = await exportBundle();
  if (zip.bytes.byteLength > ARTIFACT_CAP_BYTES) {
    return {
      name: null,
      note: `The zip (${zip.bytes.byteLength} bytes) is over the ${ARTIFACT_CAP_BYTES}-byte storage cap; download it now.`,
    };
  }
  await putRecord(ARTIFACTS_STORE, {
    runId,
    name: zip.name,
    bytes: zip.bytes.slice(0),
  } satisfies StoredArtifact);
  return { name: zip.name, note: null };
}

export async function persistRun(record: RunRecord): Promise<void> {
  await analyze();
  const store = useLabStore.getState();
  let artifact: { name: string | null; note: string | null } = { name: null, note: null };
  try {
    artifact = await storeArtifact(record.outcome.runId);
  } catch (e) {
    artifact = { name: null, note: storageMessage(e, "the run's files") };
    store.setStorageError(artifact.note);
  }
  const run = toStoredRun(record, artifact);
  // Shown at once; the write below may still fail (then the run lives for this session only).
  useLabStore.getState().addStoredRun(run);
  useLabStore.getState().selectRun(run.runId);
  try {
    await putRecord(RUNS_STORE, run);
  } catch (e) {
    useLabStore.getState().setStorageError(storageMessage(e, `run ${run.runId}`));
  }
}

export async function loadStoredRuns(): Promise<void> {
  try {
    const migrated = (await getAllRecords<unknown>(RUNS_STORE)).map(migrateStoredRun);
    const runs = migrated.flatMap((m) => (m.run ? [m.run] : []));
    useLabStore.getState().setStoredRuns(runs.sort((a, b) => b.finishedAt - a.finishedAt));
    const skipped = migrated.flatMap((m) => (m.run ? [] : [m.reason]));
    if (skipped.length > 0) useLabStore.getState().setStorageError(skipped.join(' '));
  } catch (e) {
    useLabStore
      .getState()
      .setStorageError(`Could not read stored runs: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export async function loadArtifact(runId: string): Promise<StoredArtifact | undefined> {
  return getRecord<StoredArtifact>(ARTIFACTS_STORE, runId);
}

export async function forgetStoredRuns(): Promise<void> {
  await clearStores([RUNS_STORE, ARTIFACTS_STORE]);
  useLabStore.getState().setStoredRuns([]);
  useLabStore.getState().selectRun(null);
}

/** Reads stored runs, then stores every run that finishes from now on. */
export function startRunPersistence(): () => void {
  void loadStoredRuns();
  return useLabStore.subscribe((state, previous) => {
    const latest = state.history[0];
    if (latest && latest !== previous.history[0]) void persistRun(latest);
  });
}
