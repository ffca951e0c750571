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
import type { StoredArtifact, StoredRun } from './stored-run';
import type { RunAnalysis } from '../worker/analysis-types';

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

export function toStoredRun(
  record: RunRecord,
  analysis: RunAnalysis | null,
  artifact: { name: string | null; note: string | null },
): StoredRun {
  const { outcome } = record;
  return {
    runId: outcome.runId,
    modelName: record.modelName,
    settings: record.settings,
    finishedAt: record.finishedAt,
    elapsedMs: outcome.elapsedMs,
    before: outcome.before,
    after: outcome.after,
    footprintBefore: analysis?.footprintBefore ?? null,
    footprintAfter: analysis?.footprintAfter ?? null,
    keptChannels: outcome.keptChannels,
    report: outcome.report,
    artifactName: artifact.name,
    artifactNote: artifact.note,
  };
}

async function analyze(): Promise<RunAnalysis | null> {
  try {
    const analysis = await getEngine().request('analyzeLastRun', {});
    useLabStore.getState().setRunAnalysis(analysis);
    return analysis;
  } catch (e) {
    useLabStore.getState().setRunAnalysis(null, e instanceof Error ? e.message : String(e));
    return null;
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
  const analysis = await analyze();
  const store = useLabStore.getState();
  let artifact: { name: string | null; note: string | null } = { name: null, note: null };
  try {
    artifact = await storeArtifact(record.outcome.runId);
  } catch (e) {
    artifact = { name: null, note: storageMessage(e, "the run's files") };
    store.setStorageError(artifact.note);
  }
  const run = toStoredRun(record, analysis, artifact);
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
    const runs = await getAllRecords<StoredRun>(RUNS_STORE);
    useLabStore.getState().setStoredRuns(runs.sort((a, b) => b.finishedAt - a.finishedAt));
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
