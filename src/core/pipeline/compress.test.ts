import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { countParams, type ModelSpec } from '../model/spec';
import { rankShift } from '../rank-shift/analysis';
import { compress } from './compress';
import type { CompressConfig } from './compress-config';
import {
  positiveSource,
  quadrantSource,
  rankFlipSpec,
  residualSpec,
  smallCnnSpec,
} from '../../../test-support/pipeline/pipeline-test-models';
import type { GroupScoresEvent, StepHookInfo } from './pruning-run';
import { trainDense } from '../../../test-support/fixtures/train-dense';
import { layerwiseConfig } from '../../../test-support/pipeline/configs';

const source = quadrantSource(512, 256);

const layerwise = layerwiseConfig({
  statsSteps: 10,
  refreshSteps: 5,
  start0: 0,
  finetuneSteps: 40,
  learningRate: 0.003,
  batchSize: 32,
  seed: 4,
});

describe('compress', () => {
  let trained: ModelSpec;
  beforeAll(async () => {
    trained = await trainDense(await smallCnnSpec(), source, 80);
  });

  it('layerwise at 50% keeps accuracy, shrinks params as counted, repeats exactly', async () => {
    const steps: StepHookInfo[] = [];
    const first = await compress({
      spec: trained,
      source,
      config: layerwise,
      onStep: (s) => steps.push(s),
    });
    const { report } = first;
    console.info(
      `layerwise 50%: accuracy ${report.before.value} → ${report.after.value} (n ${report.after.n}), ${report.timings.totalMs.toFixed(0)} ms`,
    );
    expect(report.before.value).toBeGreaterThan(0.9);
    expect(report.after.value).toBeGreaterThanOrEqual(report.before.value - 0.01);
    // conv1 1→4: 3·3·1·4 + 4 = 40; conv2 4→4: 3·3·4·4 + 4 = 148; fc (4·4·4)·4 + 4 = 260.
    expect([report.before.params, report.after.params, countParams(first.spec)]).toEqual([
      1180, 448, 448,
    ]);
    expect(report.after.weightBytes).toBe(448 * 4);
    expect(report.groups.map((g) => [g.id, g.total, g.kept, g.statsSteps])).toEqual([
      ['conv1', 8, 4, 10],
      ['conv2', 8, 4, 10],
    ]);
    expect(report.steps).toEqual({ pruning: 22, finetune: 40, total: 62 });
    expect(report.trace).toEqual([
      { groupId: 'conv1', phase: 'measuring', step: 0 },
      { groupId: 'conv1', phase: 'frozen', step: 11 },
      { groupId: 'conv2', phase: 'measuring', step: 11 },
      { groupId: 'conv2', phase: 'frozen', step: 22 },
    ]);
    // Unit l is measured only while every unit before it is masked and every unit after it dense.
    const observedConv2 = steps.filter((s) => s.observedLayers.includes('conv2'));
    expect(observedConv2.map((s) => s.step)).toEqual([11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
    expect(observedConv2.every((s) => s.maskedLayers.includes('conv1'))).toBe(true);
    const observedConv1 = steps.filter((s) => s.observedLayers.includes('conv1'));
    expect(observedConv1).toHaveLength(10);
    expect(observedConv1.some((s) => s.maskedLayers.includes('conv2'))).toBe(false);

    const second = await compress({ spec: trained, source, config: layerwise });
    expect(second.report.groups).toEqual(report.groups);
    expect(second.report.after.value).toBe(report.after.value);
    expect(Array.from(second.spec.weights[second.spec.layers[1].weights[0]].data)).toEqual(
      Array.from(first.spec.weights[first.spec.layers[1].weights[0]].data),
    );
  });

  it('pruned model computes what the masked model computed', async () => {
    const scores: GroupScoresEvent[] = [];
    const { spec, report } = await compress({
      spec: trained,
      source,
      config: { ...layerwise, finetuneSteps: 0 },
      onScores: (e) => scores.push(e),
    });
    // Recomputes at t = 5 and t = 10 of each window (r = 5, I = 10); the last one is the final mask.
    expect(scores.map((e) => [e.groupId, e.step, e.scores.length, e.keptChannels.length])).toEqual([
      ['conv1', 5, 8, 4],
      ['conv1', 10, 8, 4],
      ['conv2', 16, 8, 4],
      ['conv2', 21, 8, 4],
    ]);
    expect(scores[1].keptChannels).toEqual(report.groups[0].keptChannels);
    expect(scores[3].keptChannels).toEqual(report.groups[1].keptChannels);
    expect(report.after.params).toBe(448);
    expect(report.surgeryCheck.n).toBe(64);
    expect(report.surgeryCheck.maxAbsOutputDiff).toBeLessThan(1e-5);
    expect(spec.layers.find((l) => l.name === 'conv2')!.config.filters).toBe(4);
  });

  it('one-shot and layerwise keep different channels where pruning upstream flips the ranking', async () => {
    const spec = await rankFlipSpec();
    const data = positiveSource(64);
    const shift = await rankShift({
      spec,
      source: data,
      unit: 'b',
      sparsities: [0.5],
      calibrationSize: 64,
    });
    expect(shift.points[0].kendallTau).toBeLessThan(1);
    const config: Partial<CompressConfig> = {
      sparsity: 0.5,
      statsSteps: 4,
      refreshSteps: 2,
      start0: 0,
      finetuneSteps: 0,
      learningRate: 1e-7,
      batchSize: 16,
      optimizer: 'sgd',
    };
    const lw = await compress({ spec, source: data, config: { ...config, method: 'layerwise' } });
    const oneshotSteps: StepHookInfo[] = [];
    const oneshotScores: GroupScoresEvent[] = [];
    const os = await compress({
      spec,
      source: data,
      config: { ...config, method: 'oneshot' },
      onStep: (s) => oneshotSteps.push(s),
      onScores: (e) => oneshotScores.push(e),
    });
    // The network view sees one-shot rank every group at the same step, with the final masks.
    expect(oneshotScores.map((e) => [e.groupId, e.step])).toEqual([
      ['a', 10],
      ['b', 10],
    ]);
    expect(oneshotScores.map((e) => e.keptChannels)).toEqual(
      os.report.groups.map((g) => g.keptChannels),
    );
    // One-shot measures every group together, on the dense network, for the I steps before T = 10.
    const measured = oneshotSteps.filter((s) => s.observedLayers.length);
    expect(measured.map((s) => s.step)).toEqual([6, 7, 8, 9]);
    expect(
      measured.every((s) => s.observedLayers.length === 2 && s.maskedLayers.length === 0),
    ).toBe(true);
    expect(lw.report.groups.map((g) => g.keptChannels)).toEqual([
      [2, 3],
      [1, 2],
    ]);
    expect(os.report.groups.map((g) => g.keptChannels)).toEqual([
      [2, 3],
      [0, 2],
    ]);
  });

  it('baselines run: stepwise ramps to the target, weight-L1 and random prune to it', async () => {
    const base = { ...layerwise, finetuneSteps: 5 };
    for (const method of [
      'stepwise',
      'weight-l1-layerwise',
      'weight-l1-oneshot',
      'random',
    ] as const) {
      const { report } = await compress({ spec: trained, source, config: { ...base, method } });
      expect([method, report.groups.map((g) => g.kept)]).toEqual([method, [4, 4]]);
      expect(report.after.params).toBe(448);
    }
  });

  it('prunes a coupled (Add) group identically on both branches', async () => {
    const { spec, report } = await compress({
      spec: await residualSpec(),
      source,
      config: { ...layerwise, finetuneSteps: 5 },
    });
    expect(report.groups.map((g) => [g.id, g.total, g.kept, g.statsSteps])).toEqual([
      ['a', 4, 2, 10],
    ]);
    // a: 3·3·1·2 + 2 = 20; b: 3·3·2·2 + 2 = 38; fc: (8·8·2)·4 + 4 = 516.
    expect(report.after.params).toBe(574);
    expect(countParams(spec)).toBe(574);
    expect(report.surgeryCheck.maxAbsOutputDiff).toBeLessThan(1e-5);
  });

  it('honours per-group overrides and the skip list', async () => {
    const { report } = await compress({
      spec: trained,
      source,
      config: { ...layerwise, finetuneSteps: 0, overrides: { conv1: 0.75 }, skip: ['conv2'] },
    });
    expect(report.groups.map((g) => [g.id, g.kept])).toEqual([['conv1', 2]]);
    await expect(
      compress({ spec: trained, source, config: { ...layerwise, skip: ['nope'] } }),
    ).rejects.toThrow('Group "nope" is not in the model\'s channel graph.');
  });

  it('unlabelled data: distils from the original and scores agreement with it', async () => {
    const unlabelled = {
      ...source,
      id: 'quadrants-unlabelled',
      task: 'unlabelled' as const,
      batch: (split: 'train' | 'test', indices: number[]) => {
        const { x, y } = source.batch(split, indices);
        y?.dispose();
        return { x };
      },
    };
    const { report } = await compress({
      spec: trained,
      source: unlabelled,
      config: { ...layerwise, finetuneSteps: 10, evalLimit: 128 },
    });
    expect([report.before.metric, report.before.value, report.before.n]).toEqual([
      'agreement',
      1,
      128,
    ]);
    expect(report.after.value).toBeGreaterThan(0.9);
    expect(report.after.params).toBe(448);
  });

  it('cancelling mid-run leaves the tensor count and the input spec as they were', async () => {
    const weightsBefore = Array.from(trained.weights[trained.layers[1].weights[0]].data);
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    const run = compress({
      spec: trained,
      source,
      config: layerwise,
      signal: controller.signal,
      onProgress: (e) => e.step === 15 && controller.abort(),
    });
    await expect(run).rejects.toThrow('The run was cancelled.');
    expect(tf.memory().numTensors).toBe(before);
    expect(Array.from(trained.weights[trained.layers[1].weights[0]].data)).toEqual(weightsBefore);
  });
});
