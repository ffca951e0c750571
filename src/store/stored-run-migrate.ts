/**
 * Stored runs outlive the code that wrote them: every record read from IndexedDB passes through
 * `migrateStoredRun`, which lifts it step by step to STORED_RUN_VERSION. A record that cannot be
 * read as a run is dropped with a reason instead of crashing the runs panel.
 *
 * Version 0 (no `schemaVersion`): `report` was untyped and report.json was not kept; its
 * footprints came from a separate worker analysis. Version 1 adds `schemaVersion` and
 * `labReport` (null for a migrated record: report.json was never stored for it).
 */
import { STORED_RUN_VERSION, type StoredRun } from './stored-run';

export type MigratedRecord = { run: StoredRun } | { run: null; reason: string };

type Raw = Record<string, unknown>;

function versionOf(record: Raw): number {
  return typeof record.schemaVersion === 'number' ? record.schemaVersion : 0;
}

function fromV0(record: Raw): Raw {
  return { ...record, schemaVersion: 1, labReport: null };
}

const STEPS: Record<number, (record: Raw) => Raw> = { 0: fromV0 };

function isRun(record: Raw): boolean {
  const report = record.report as { groups?: unknown; trace?: unknown } | null;
  return (
    typeof record.runId === 'string' &&
    typeof record.finishedAt === 'number' &&
    Array.isArray(report?.groups) &&
    Array.isArray(report?.trace)
  );
}

export function migrateStoredRun(value: unknown): MigratedRecord {
  if (typeof value !== 'object' || value === null) {
    return { run: null, reason: 'A stored run is not an object; it was skipped.' };
  }
  let record = value as Raw;
  const id = typeof record.runId === 'string' ? record.runId : '(no id)';
  if (versionOf(record) > STORED_RUN_VERSION) {
    return {
      run: null,
      reason: `Stored run ${id} has schema version ${versionOf(record)}, newer than this lab's ${STORED_RUN_VERSION}; it was skipped.`,
    };
  }
  while (versionOf(record) < STORED_RUN_VERSION) record = STEPS[versionOf(record)](record);
  if (!isRun(record)) {
    return { run: null, reason: `Stored run ${id} has no report groups or trace; it was skipped.` };
  }
  return { run: record as unknown as StoredRun };
}
