import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it } from 'vitest';
import { quadrantSource, smallCnnSpec } from '../../test-support/pipeline/pipeline-test-models';
import { compress } from '../core/pipeline/compress';
import { DEFAULT_SETTINGS } from '../store/pipeline-settings';
import { analyzeLastRun, rankShiftSweep, SWEEP_SPARSITIES } from './analysis-handlers';
import { session } from './engine-session';
import { clearSession, loadTinySession } from '../../test-support/worker/tiny-session';
import { summarizeModel } from './model-summary';

afterEach(clearSession);

describe('rankShiftSweep', () => {
  it('sweeps 0…0.9 once, τ = 1 at sparsity 0, and answers a repeat from the cache', async () => {
    const spec = await loadTinySession(64, 16);
    const before = tf.memory().numTensors;
    const params = {
      unit: 'conv2',
      upstream: 'conv1',
      targetSparsity: 0.5,
      calibrationSize: 32,
      seed: 1,
    };
    const sweep = await rankShiftSweep(params);
    expect(tf.memory().numTensors).toBe(before);
    expect(sweep.points.map((p) => p.sparsity)).toEqual(SWEEP_SPARSITIES);
    expect(sweep.points[0].kendallTau).toBe(1);
    expect(sweep.points[0].keptOverlap).toBe(1);
    expect(sweep.denseImportance).toHaveLength(8);
    expect(await rankShiftSweep({ ...params })).toBe(sweep);
    // A new model invalidates the cache.
    session.model = { spec: { ...spec }, summary: session.model!.summary };
    expect(await rankShiftSweep(params)).not.toBe(sweep);
  });
});

describe('analyzeLastRun', () => {
  it('gives per-unit kept counts and histograms of the last run', async () => {
    const spec = await smallCnnSpec();
    const source = quadrantSource(128, 32);
    session.model = { spec, summary: summarizeModel(spec, 'test') };
    session.data = { id: 'mnist', source };
    const config = {
      method: 'layerwise' as const,
      sparsity: 0.5,
      statsSteps: 2,
      refreshSteps: 1,
      start0: 0,
      finetuneSteps: 1,
      batchSize: 16,
      seed: 2,
    };
    const result = await compress({ spec, source, config });
    const settings = { ...DEFAULT_SETTINGS, wbits: 4 as const, abits: 8 as const };
    session.compressed = {
      runId: 'r1',
      spec: result.spec,
      settings,
      files: {},
      report: result.report,
      before: null!,
      after: null!,
    };
    const before = tf.memory().numTensors;
    const analysis = await analyzeLastRun();
    expect(tf.memory().numTensors).toBe(before);
    expect(analysis.units.map((u) => [u.unitId, u.channelsKept, u.channelsTotal])).toEqual([
      ['conv1', 4, 8],
      ['conv2', 4, 8],
      ['fc', 4, 4],
    ]);
    const conv1 = analysis.units[0];
    expect(conv1.importance.counts.reduce((a, b) => a + b, 0)).toBe(8);
    expect(conv1.paramsBefore).toBe(3 * 3 * 1 * 8 + 8);
    expect(conv1.paramsAfter).toBe(3 * 3 * 1 * 4 + 4);
    expect(conv1.weightsAfter.counts.reduce((a, b) => a + b, 0)).toBe(36);
    expect(conv1.weightsBefore.counts.reduce((a, b) => a + b, 0)).toBe(36);
    expect(conv1.gridStep).toBeGreaterThan(0);
    session.compressed = null;
  });
});
