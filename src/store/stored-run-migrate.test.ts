import { describe, expect, it } from 'vitest';
import { STORED_RUN_VERSION } from './stored-run';
import { migrateStoredRun } from './stored-run-migrate';

// A run as the lab stored it before schema versions existed (no schemaVersion, no labReport).
const v0Record = {
  runId: 'r3',
  modelName: 'mnist-cnn',
  settings: { method: 'layerwise', sparsity: 0.5 },
  finishedAt: 1_700_000_000_000,
  elapsedMs: 4200,
  before: { metric: 'accuracy', value: 0.98 },
  after: { metric: 'accuracy', value: 0.97 },
  footprintBefore: { weightBits: 3200, activationBits: 800, footprintBits: 4000 },
  footprintAfter: null,
  keptChannels: { g0: 4 },
  report: {
    groups: [{ id: 'g0', total: 8, kept: 4, keptChannels: [0, 2, 5, 7], statsSteps: 3 }],
    trace: [{ groupId: 'g0', phase: 'measuring', step: 0 }],
  },
  artifactName: 'pruned-r3.zip',
  artifactNote: null,
};

describe('stored run migration', () => {
  it('lifts a v0 record to the current schema, keeping every field it had', () => {
    const { run } = migrateStoredRun(structuredClone(v0Record));
    expect(STORED_RUN_VERSION).toBe(1);
    expect(run?.schemaVersion).toBe(1);
    expect(run?.labReport).toBeNull();
    expect(run?.footprintBefore?.footprintBits).toBe(4000);
    expect(run?.report.groups[0].keptChannels).toEqual([0, 2, 5, 7]);
    expect(run?.report.trace).toHaveLength(1);
    expect(Object.keys(run!).length).toBe(Object.keys(v0Record).length + 2);
  });

  it('reads a current record unchanged', () => {
    const current = { ...structuredClone(v0Record), schemaVersion: 1, labReport: null };
    expect(migrateStoredRun(current).run).toEqual(current);
  });

  it('skips records it cannot read, saying which and why', () => {
    expect(migrateStoredRun(null)).toEqual({
      run: null,
      reason: 'A stored run is not an object; it was skipped.',
    });
    expect(migrateStoredRun({ ...v0Record, schemaVersion: 7 })).toEqual({
      run: null,
      reason: "Stored run r3 has schema version 7, newer than this lab's 1; it was skipped.",
    });
    expect(migrateStoredRun({ ...v0Record, report: 'x' })).toEqual({
      run: null,
      reason: 'Stored run r3 has no report groups or trace; it was skipped.',
    });
  });
});
