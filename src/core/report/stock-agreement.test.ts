import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { topOneAgreement } from '../data/agreement';
import type { DataSource } from '../data/source';
import { buildLayersModel } from '../model/tf-bridge';
import { compress } from '../pipeline/compress';
import { compressLabResult } from '../pipeline/compress-lab-result';
import { quadrantSource, smallCnnSpec } from '../../../test-support/pipeline/pipeline-test-models';
import { trainDense } from '../../../test-support/fixtures/train-dense';
import { buildDownload } from './download';
import { loadStockModel } from './stock-model';

const labelled = quadrantSource(256, 96);
/** The same images without labels: a distillation run. */
const unlabelled: DataSource = {
  ...labelled,
  id: 'quadrants-unlabelled',
  task: 'unlabelled',
  batch: (split, indices) => {
    const { x, y } = labelled.batch(split, indices);
    y?.dispose();
    return { x };
  },
};

describe('report of a distillation run (unlabelled data)', () => {
  it('scores the stock export by top-1 agreement with the original on the held-back images', async () => {
    const dense = await trainDense(await smallCnnSpec(), labelled, 40);
    const before = tf.memory().numTensors;
    const result = await compress({
      spec: dense,
      source: unlabelled,
      config: {
        method: 'oneshot',
        sparsity: 0.75,
        statsSteps: 2,
        refreshSteps: 1,
        finetuneSteps: 2,
        learningRate: 0.002,
        batchSize: 32,
        seed: 3,
        evalLimit: 80,
        wbits: 4,
        abits: 32,
        qatSteps: 0,
      },
    });
    const lab = await compressLabResult(dense, result, unlabelled);
    const stock = lab.report.metrics.find((m) => m.stage === 'stock-export')!;
    expect([stock.metric, stock.n]).toEqual(['agreement', 80]);
    expect(stock.what).toContain('top-1 agreement with the original model on held-back images');

    // The same number by hand: the downloaded files against the original, on the test split.
    const stockModel = await loadStockModel(buildDownload(lab, { format: 'stock' }).files);
    const original = await buildLayersModel(dense);
    const byHand = await topOneAgreement(
      (x) => stockModel.predict(x) as tf.Tensor,
      (x) => original.predict(x) as tf.Tensor,
      unlabelled,
      { limit: 80, batchSize: 16 },
    );
    stockModel.dispose();
    original.dispose();
    expect(byHand).toEqual({ value: stock.value, n: 80, split: 'test' });
    expect(tf.memory().numTensors).toBe(before);
  });
});
