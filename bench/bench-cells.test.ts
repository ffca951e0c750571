import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { tinyCnnSpec } from '../test-support/train/train-fixtures';
import {
  missingQualityCells,
  QUALITY_ROWS,
  rowSparsities,
  rowsFor,
  QUALITY_SPARSITIES,
  type QualityReport,
} from './quality-cells';
import { pairedStatistics, pairedTable, seedDifferences, tQuantile975 } from './quality-paired';
import { missingSpeedCells, ratioVsTorch, type SpeedReport } from './speed-cells';
import { measureSpeed, type SpeedCell } from './speed-core';
import { lineChartSvg } from './svg-plot';
import { meanStd, median, summarizeTimes } from './timing';

const timing = (medianMs: number) => ({
  medianMs,
  minMs: medianMs,
  maxMs: medianMs,
  reps: 5,
  relSpread: 0,
});
const cell = (model: string, backend: string, batch = 16): SpeedCell => ({
  model,
  backend,
  batch,
  train: timing(10),
  infer: timing(2),
  leakedTensors: 0,
});

function speedReport(): SpeedReport {
  return {
    mode: 'quick',
    date: '',
    machine: { cpus: 2, cpuModel: '', node: '', tfjs: '', loadAvg: [] },
    batch: 16,
    models: ['m'],
    node: [cell('m', 'node-wasm'), cell('m', 'node-cpu', 2)],
    torch: {
      m: {
        ok: true,
        result: {
          torchVersion: '1.13',
          threads: 1,
          batch: 16,
          train: timing(20),
          infer: timing(4),
        },
      },
    },
    browser: {
      ok: true,
      chromium: '1',
      responses: [
        { backend: 'wasm', cells: [cell('m', 'browser-wasm')] },
        { backend: 'webgpu', skipped: 'no adapter', cells: [] },
      ],
    },
    rankShift: {
      model: 'm',
      trainedWeights: false,
      upstream: 'a',
      unit: 'b',
      sparsities: 10,
      images: 512,
      elapsedMs: 100,
    },
    pipeline: {
      model: 'm',
      trainedWeights: false,
      config: {},
      steps: 10,
      elapsedMs: 1000,
      perPhaseMs: {},
      metricBefore: 0,
      metricAfter: 0,
    },
    firstLoad: { files: [], bytes: 10, gzipBytes: 5 },
    elapsedMs: 1,
  };
}

describe('speed cells', () => {
  it('accepts a complete report with an environment skip', () => {
    expect(missingSpeedCells(speedReport(), ['wasm', 'webgpu'])).toEqual([]);
  });

  it('names each missing or broken cell', () => {
    const r = speedReport();
    r.node = [
      cell('m', 'node-wasm'),
      { ...cell('m', 'node-cpu'), train: null, trainError: 'boom', leakedTensors: 3 },
    ];
    r.browser = {
      ok: true,
      chromium: '1',
      responses: [{ backend: 'wasm', error: 'crashed', cells: [] }],
    };
    r.firstLoad = null;
    expect(missingSpeedCells(r, ['wasm', 'webgl'])).toEqual([
      'm on node-cpu: no training time (boom)',
      'm on node-cpu: leaked 3 tensors',
      'browser wasm: crashed',
      'browser webgl: not run',
      'first-load JS bytes: no build output',
    ]);
  });

  it('gives ratios vs PyTorch only for equal batches', () => {
    const r = speedReport();
    expect(ratioVsTorch(r, r.node[0], 'train')).toBeCloseTo(0.5, 10);
    expect(ratioVsTorch(r, r.node[0], 'infer')).toBeCloseTo(0.5, 10);
    expect(ratioVsTorch(r, r.node[1], 'train')).toBeNull();
  });
});

describe('quality cells', () => {
  it('lists every cell a run lacks', () => {
    const r: QualityReport = {
      mode: 'quick',
      date: '',
      machine: { cpus: 2, cpuModel: '', node: '', tfjs: '', backend: 'wasm' },
      seeds: [1],
      budget: {},
      trainedWeights: { m: true },
      dense: { m: { metricName: 'accuracy', metric: 0.9, footprintBits: 100, density: 0.009 } },
      cells: [],
      rankShift: [
        {
          model: 'm',
          upstream: 'a',
          unit: 'b',
          points: [{ sparsity: 0, kendallTau: 1, levenshteinNormalized: 0 }],
        },
      ],
      elapsedMs: 0,
    };
    const sample = {
      seed: 1,
      metric: 0.8,
      footprintBits: 50,
      density: 0.016,
      params: 10,
      trainingSteps: 5,
    };
    for (const row of rowsFor('m', undefined, true))
      for (const s of rowSparsities(row, QUALITY_SPARSITIES))
        r.cells.push({
          model: 'm',
          row: row.id,
          sparsity: s,
          metricName: 'accuracy',
          samples: [sample],
        });
    expect(missingQualityCells(r, ['m'])).toEqual([]);
    r.cells[0].samples = [];
    r.cells.pop();
    expect(missingQualityCells(r, ['m', 'n'])).toEqual([
      'm layerwise-l1 @0.5: 0/1 seeds',
      'm dense-w4a4 @0: no cell',
      'n: no dense baseline',
      ...rowsFor('n', undefined, true).flatMap((row) =>
        rowSparsities(row, QUALITY_SPARSITIES).map((s) => `n ${row.id} @${s}: no cell`),
      ),
      'n: no rank-shift pair',
    ]);
    // 17 rows for a plain model; the residual-timing row joins only on mnist-resnet.
    expect([rowsFor('n').length, rowsFor('mnist-resnet').length]).toEqual([17, 18]);
    expect(QUALITY_ROWS.slice(0, 3).map((x) => [x.id, x.importance])).toEqual([
      ['layerwise-l1', 'l1'],
      ['layerwise-l0', 'l0'],
      ['layerwise-taylor', 'taylor'],
    ]);
    // --quick keeps Taylor to mnist-resnet (the smoke run's length); the full run has it everywhere.
    const hasTaylor = (m: string, quick: boolean) =>
      rowsFor(m, undefined, quick).some((row) => row.id === 'layerwise-taylor');
    expect(
      [true, false].flatMap((q) => ['mnist-cnn', 'mnist-resnet'].map((m) => hasTaylor(m, q))),
    ).toEqual([false, true, true, true]);
    expect(QUALITY_ROWS.filter((row) => row.kind === 'quant-only').map((x) => x.id)).toEqual([
      'dense-w8a8',
      'dense-w4a4',
    ]);
  });
});

describe('paired differences', () => {
  it('gives the mean a − b with a 95 % t-interval over matching seeds', () => {
    const d = pairedStatistics([1, 2, 3]);
    // sd = 1, t(0.975, 2) = 4.303: half-width 4.303 / √3 = 2.4843.
    expect([d.n, d.mean, d.positive]).toEqual([3, 2, 3]);
    expect(d.low).toBeCloseTo(2 - 2.48434, 4);
    expect(d.high).toBeCloseTo(2 + 2.48434, 4);
    expect(Number.isNaN(pairedStatistics([0.5]).low)).toBe(true);
    expect([tQuantile975(6), tQuantile975(40)]).toEqual([2.447, 1.96]);
    const sample = (seed: number, metric: number) => ({
      seed,
      metric,
      footprintBits: 1,
      density: 1,
      params: 1,
      trainingSteps: 1,
    });
    const cell = (row: string, samples: ReturnType<typeof sample>[]) => ({
      model: 'm',
      row,
      sparsity: 0.75,
      metricName: 'accuracy',
      samples,
    });
    const a = cell('layerwise-l1', [sample(2, 0.9), sample(1, 0.8), sample(3, 0.7)]);
    const b = cell('oneshot-l1', [sample(1, 0.78), sample(2, 0.91)]);
    // Seed 3 has no partner; seeds 1, 2: 0.8 − 0.78, 0.9 − 0.91.
    const diffs = seedDifferences(a, b);
    expect(diffs.map((x) => Number(x.toFixed(6)))).toEqual([0.02, -0.01]);
    const table = pairedTable({
      dense: { m: { metricName: 'accuracy', metric: 1, footprintBits: 1, density: 1 } },
      cells: [a, b],
      sparsities: [0.75],
    } as unknown as QualityReport);
    // mean 0.5 pt, sd 2.1213 pt, t(1) = 12.706: ±19.06 pt.
    expect(table.split('\n')[2]).toBe(
      '| m | 75% | layerwise-l1 − oneshot-l1 | the paper vs one-shot (timing + ranking) | 2 | 0.50 pt | [-18.56, 19.56] pt | 1/2 |',
    );
  });
});

describe('timing and plots', () => {
  it('summarises repetitions', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    const t = summarizeTimes([10, 12, 8, 10, 10]);
    expect([t.medianMs, t.minMs, t.maxMs, t.reps]).toEqual([10, 8, 12, 5]);
    expect(t.relSpread).toBeCloseTo(0.2, 10);
    const m = meanStd([1, 2, 3]);
    expect([m.mean, m.std, m.n]).toEqual([2, 1, 3]);
  });

  it('draws one path per series', () => {
    const svg = lineChartSvg(
      't',
      'y',
      [0, 1],
      [
        {
          label: 'a',
          points: [
            { x: 0, y: 1 },
            { x: 1, y: 0 },
          ],
        },
        { label: 'b', points: [{ x: 0, y: 0.5 }] },
      ],
    );
    expect(svg.match(/<path /g)?.length).toBe(2);
    expect(svg).toContain('M48.0,24.0 L370.0,260.0');
  });

  it('times a training step and an inference pass without leaking', async () => {
    const spec = await tinyCnnSpec(1, 2);
    const before = tf.memory().numTensors;
    const c = await measureSpeed({
      spec,
      loss: 'cross-entropy',
      batch: 4,
      plan: { warmup: 1, reps: 2 },
    });
    expect(c.train!.reps).toBe(2);
    expect(c.train!.medianMs).toBeGreaterThan(0);
    expect(c.infer.medianMs).toBeGreaterThan(0);
    expect([c.batch, c.leakedTensors]).toEqual([4, 0]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
