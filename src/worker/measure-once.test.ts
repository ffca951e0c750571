import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as Evaluate from '../core/data/evaluate';
import type * as ExportStock from '../core/export/export-stock';
import type * as Compress from '../core/pipeline/compress';
import type * as Fflate from 'fflate';
import { clearSession, loadTinySession } from '../../test-support/worker/tiny-session';
import type { PipelineSettings } from '../protocol/engine-types';
import { session } from './engine-session';
import { buildExportBundle } from './export-bundle';
import { runPipeline } from './run-handlers';

// One list of what a run did, in order: compress's phases, every evaluation on a data source,
// every stock export and every zip (each counted where it really happens, below the worker).
const trace = vi.hoisted(() => [] as string[]);

/** `fn`, writing `label` to the trace on every call. */
const counted = vi.hoisted(
  () =>
    <A extends unknown[], R>(label: string, fn: (...args: A) => R) =>
    (...args: A): R => (trace.push(label), fn(...args)),
);

vi.mock('../core/data/evaluate', async (original) => {
  const m = await original<typeof Evaluate>();
  return { ...m, evaluateOnSource: counted('evaluate', m.evaluateOnSource) };
});
vi.mock('../core/export/export-stock', async (original) => {
  const m = await original<typeof ExportStock>();
  return { ...m, exportStock: counted('export-stock', m.exportStock) };
});
vi.mock('fflate', async (original) => {
  const m = await original<typeof Fflate>();
  return { ...m, zipSync: counted('zip', m.zipSync) };
});
vi.mock('../core/pipeline/compress', async (original) => {
  const m = await original<typeof Compress>();
  return {
    ...m,
    compress: (request: Parameters<typeof m.compress>[0]) =>
      m.compress({
        ...request,
        onPhase: (phase) => (trace.push(`phase:${phase}`), request.onPhase?.(phase)),
      }),
  };
});

const settings: PipelineSettings = {
  method: 'layerwise',
  importance: 'l1',
  sparsity: 0.5,
  overrides: {},
  statsSteps: 2,
  refreshSteps: 1,
  finetuneSteps: 1,
  learningRate: 0.003,
  batchSize: 16,
  wbits: 32,
  abits: 32,
  qatSteps: 0,
  seed: 1,
  evalLimit: 32,
};

afterEach(() => {
  clearSession();
  trace.length = 0;
});

describe('a run measures once', () => {
  it('evaluates the original once, exports once and zips once (two exports of the run)', async () => {
    await loadTinySession(64, 32);
    const tensorsBefore = tf.memory().numTensors;
    const outcome = await runPipeline('r1', settings, () => undefined);
    const first = buildExportBundle(session.compressed!);
    const second = buildExportBundle(session.compressed!);
    expect(trace).toEqual([
      'phase:evaluate-before',
      'evaluate', // the original, the run's only evaluation of it
      'phase:prune:layerwise',
      'phase:fine-tune',
      'phase:surgery',
      'phase:evaluate-after',
      'evaluate', // the pruned model
      'export-stock', // report.json's stock export, reused by the download
      'evaluate', // that export, loaded by stock tfjs
      'zip', // the first export request; the second re-sends it
    ]);
    expect(second.zip.bytes.byteLength).toBe(first.zip.bytes.byteLength);
    // The before card is the original's one evaluation; footprints are report.json's.
    expect(outcome.before.value).toBe(outcome.report.before.value);
    expect(outcome.before.evaluated).toBe(32);
    expect(outcome.before.perClassAccuracy).toHaveLength(4);
    expect(outcome.before.footprintBits).toBe(outcome.labReport!.footprint.dense.footprintBits);
    expect(outcome.after.footprintBits).toBe(outcome.labReport!.footprint.final.footprintBits);
    expect(outcome.after.perClassAccuracy).toHaveLength(4);
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  });
});
