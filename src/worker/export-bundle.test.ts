import * as tf from '@tensorflow/tfjs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { quadrantSource, smallCnnSpec } from '../../test-support/pipeline/pipeline-test-models';
import { quantSettings } from '../core/pipeline/quantize-model';
import { buildLabResult } from '../core/report/build-report';
import { buildDownload } from '../core/report/download';
import type { CompressedModel } from './engine-session';
import type { PipelineSettings } from '../protocol/engine-types';
import { buildExportBundle } from './export-bundle';
import { figuresFromReport } from './figures';

const settings = { runId: 'r7', evalLimit: 64 } as const;

/** A W8 float-activation LabResult of the small CNN, scored on 64 quadrant examples. */
async function labResult() {
  const spec = await smallCnnSpec();
  const quant = { weightBits: 8, activationBits: 32, perChannel: true, pow2: false };
  return buildLabResult({
    kind: 'compress',
    denseSpec: spec,
    finalSpec: spec,
    quant: quantSettings(quant),
    compressConfig: null,
    metrics: [{ stage: 'dense', metric: 'accuracy', value: 0.25, n: 64, what: 'the dense model' }],
    activationRanges: {},
    source: quadrantSource(64, 64),
    evalLimit: settings.evalLimit,
    backend: tf.getBackend(),
    timings: { totalMs: 1, perPhase: {} },
  });
}

describe('worker export bundle', () => {
  it('ships core buildDownload files: the zip holds the same report.json/report.md as the CLI', async () => {
    const tensorsBefore = tf.memory().numTensors;
    const lab = await labResult();
    const { files } = buildDownload(lab, { format: 'stock' });
    const after = figuresFromReport(lab.report);
    const compressed: CompressedModel = {
      runId: settings.runId,
      spec: lab.spec,
      settings: { evalLimit: settings.evalLimit } as PipelineSettings,
      files,
      report: null!,
      before: after,
      after,
    };
    const bundle = buildExportBundle(compressed);
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    expect(bundle.zip.name).toBe('pruned-r7.zip');
    expect(bundle.files.map((f) => f.name).sort()).toEqual([
      'model.json',
      'report.json',
      'report.md',
      'weights.bin',
    ]);
    const zipped = unzipSync(new Uint8Array(bundle.zip.bytes));
    expect(Object.keys(zipped).sort()).toEqual([
      'model.json',
      'report.json',
      'report.md',
      'weights.bin',
    ]);
    expect(JSON.parse(strFromU8(zipped['report.json']))).toEqual(
      JSON.parse(JSON.stringify(lab.report)),
    );
    expect(strFromU8(zipped['report.md'])).toBe(strFromU8(files['report.md']));
    expect(zipped['weights.bin'].length).toBe(
      lab.report.bytes.stock.fileBytes - files['model.json'].length,
    );
  });

  it('takes the "after" card from the report: stock-export metric, stock file bytes, final footprint', async () => {
    const lab = await labResult();
    const stock = lab.report.metrics.find((m) => m.stage === 'stock-export')!;
    const after = figuresFromReport(lab.report);
    expect(stock.n).toBe(64);
    expect(after).toEqual({
      metric: 'accuracy',
      value: stock.value,
      evaluated: 64,
      params: lab.report.params.after,
      fileBytes: lab.report.bytes.stock.fileBytes,
      gzipBytes: lab.report.bytes.stock.gzipBytes,
      footprintBits: lab.report.footprint.final.footprintBits,
      density: stock.value / lab.report.footprint.final.footprintBits,
    });
  });

  it('refuses a report without any final metric, naming the model', () => {
    const report = { model: 'm1', metrics: [] } as unknown as Parameters<
      typeof figuresFromReport
    >[0];
    expect(() => figuresFromReport(report)).toThrow(
      'The report of model "m1" has no final metric.',
    );
  });
});
