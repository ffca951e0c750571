import * as tf from '@tensorflow/tfjs';
import { sameConv } from '../../../test-support/layers';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { ModelExecutor } from '../exec/executor';
import { exportPacked } from '../export/export-packed';
import { exportStock } from '../export/export-stock';
import type { ModelSpec } from '../model/spec';
import { specFromLayersModel } from '../model/tf-bridge';
import { compress } from '../pipeline/compress';
import { compressLabResult } from '../pipeline/compress-lab-result';
import { quadrantSource, smallCnnSpec } from '../../../test-support/pipeline/pipeline-test-models';
import { QuantHooks } from '../pipeline/quant-hooks';
import { quantizeModel } from '../pipeline/quantize-model';
import { buildDownload } from './download';
import { loadStockModel } from './stock-model';
import type { LabResult } from './report-types';
import { trainDense } from '../../../test-support/fixtures/train-dense';

const source = quadrantSource(512, 256);

/** max |stock − lab| / max |lab|, the lab model evaluated with weight fake-quant only. */
async function stockVsLab(result: LabResult): Promise<number> {
  const { files } = buildDownload(result, { format: 'stock' });
  const stock = await loadStockModel(files);
  const exec = new ModelExecutor(result.spec);
  const hooks = new QuantHooks(result.spec, result.quant);
  const { x, y } = source.batch(
    'test',
    Array.from({ length: 64 }, (_, i) => i),
  );
  const lab = exec.forward(x, { training: false, ...hooks.evaluation({}, false) });
  const got = stock.predict(x) as tf.Tensor;
  const rel = tf.tidy(
    () => tf.max(tf.abs(tf.sub(got, lab))).dataSync()[0] / tf.max(tf.abs(lab)).dataSync()[0],
  );
  tf.dispose([x, y!, lab, got]);
  stock.dispose();
  exec.dispose();
  return rel;
}

const pruneQat = {
  method: 'layerwise' as const,
  sparsity: 0.5,
  statsSteps: 6,
  refreshSteps: 3,
  finetuneSteps: 10,
  qatSteps: 20,
  learningRate: 0.002,
  batchSize: 32,
  seed: 4,
};

describe('pruned + quantized download', () => {
  let trained: ModelSpec;
  beforeAll(async () => {
    trained = await trainDense(await smallCnnSpec(), source, 80);
  });

  it('pruned W8A8: stock export loads in plain tfjs and matches the weight-quantized lab model', async () => {
    const tensors = tf.memory().numTensors;
    const result = await compress({
      spec: trained,
      source,
      config: { ...pruneQat, wbits: 8, abits: 8 },
    });
    const lab = await compressLabResult(trained, result, source);
    const r = lab.report;
    expect(r.metrics.map((m) => m.stage)).toEqual([
      'dense',
      'pruned',
      'quantized',
      'weight-quantized',
      'stock-export',
    ]);
    const byStage = Object.fromEntries(r.metrics.map((m) => [m.stage, m.value]));
    expect(byStage['stock-export']).toBe(byStage['weight-quantized']);
    expect(byStage.quantized).toBeGreaterThanOrEqual(byStage.dense - 0.02);
    expect(r.layers.map((l) => [l.id, l.channelsKept, l.channelsTotal, l.weightBits])).toEqual([
      ['conv1', 4, 8, 8],
      ['conv2', 4, 8, 8],
      ['fc', 4, 4, 8],
    ]);
    expect([r.params.before, r.params.after]).toEqual([1180, 448]);
    // conv kernels 36 + 144, fc kernel 256 at 8 bits; biases 4 + 4 + 4 at 32.
    expect(r.footprint.final.weightBits).toBe((36 + 144 + 256) * 8 + 12 * 32);
    expect(r.footprint.compressionRatio).toBeCloseTo(
      r.footprint.dense.footprintBits / r.footprint.final.footprintBits,
      10,
    );
    expect(r.config.quant).toMatchObject({
      mode: 'qat',
      qatSteps: 20,
      weightDelaySteps: 5,
      activationDelaySteps: 1,
    });
    expect(await stockVsLab(lab)).toBeLessThan(1e-4);
    expect(tf.memory().numTensors).toBe(tensors);
  });

  it('pruned W4A8: stock matches; zip holds the model files and both reports', async () => {
    const result = await compress({
      spec: trained,
      source,
      config: { ...pruneQat, wbits: 4, abits: 8 },
    });
    const lab = await compressLabResult(trained, result, source);
    expect(await stockVsLab(lab)).toBeLessThan(1e-4);
    const { files, zip } = buildDownload(lab, { format: 'packed' });
    expect(Object.keys(files).sort()).toEqual([
      'model.packed.json',
      'report.json',
      'report.md',
      'weights.packed.bin',
    ]);
    const unzipped = unzipSync(zip);
    expect(Object.keys(unzipped).sort()).toEqual(Object.keys(files).sort());
    expect(Array.from(unzipped['weights.packed.bin'])).toEqual(
      Array.from(files['weights.packed.bin']),
    );
    const report = JSON.parse(new TextDecoder().decode(unzipped['report.json']));
    expect(report.bytes.packed.fileBytes).toBe(
      files['model.packed.json'].length + files['weights.packed.bin'].length,
    );
    const md = new TextDecoder().decode(unzipped['report.md']);
    expect(md).toContain('| conv1 | 4 / 8 | 4-bit | 8-bit | 80 → 40 |');
    expect(md).toContain(
      'Activation quantization cannot be expressed in a stock TensorFlow.js model',
    );
  });
});

/** conv 3×3 ×16 → conv 3×3 ×32 (stride 2) → flatten (8·8·32) → dense 48: 103,872 params. */
async function hundredKSpec(): Promise<ModelSpec> {
  const model = tf.sequential({
    layers: [
      sameConv(16, { inputShape: [16, 16, 1], activation: 'relu' }),
      sameConv(32, { strides: 2, activation: 'relu' }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 48 }),
    ],
  });
  const spec = await specFromLayersModel(model, 'hundred_k');
  model.dispose();
  return spec;
}

describe('file bytes', () => {
  it('W8 stock ≈ 1/4 and packed W4 ≈ 1/8 of float32; PTQ without data quantizes weights only', async () => {
    const spec = await hundredKSpec();
    const cfg = (weightBits: number) => ({
      weightBits,
      activationBits: 32,
      perChannel: true,
      pow2: false,
    });
    const float = exportStock(spec, cfg(32)).sizes.fileBytes;
    const w8 = exportStock(spec, cfg(8)).sizes.fileBytes;
    const w4 = exportPacked(spec, cfg(4)).sizes.fileBytes;
    console.info(
      `float32 ${float} B, stock W8 ${w8} B (${(float / w8).toFixed(2)}×), packed W4 ${w4} B (${(float / w4).toFixed(2)}×)`,
    );
    expect(float / w8).toBeGreaterThan(3.7);
    expect(float / w8).toBeLessThan(4.05);
    expect(float / w4).toBeGreaterThan(7.0);
    expect(float / w4).toBeLessThan(8.05);
    const lab = await quantizeModel({ spec, quant: cfg(8) });
    expect(lab.report.metrics).toEqual([]);
    expect(lab.report.performanceDensity).toEqual({ dense: null, final: null });
    expect(lab.report.config.quant.mode).toBe('ptq');
    await expect(quantizeModel({ spec, quant: { ...cfg(8), activationBits: 8 } })).rejects.toThrow(
      'Activation quantization of model "hundred_k" needs calibration data; give data or keep activations float.',
    );
  });
});
