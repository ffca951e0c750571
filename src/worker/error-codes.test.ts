import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it } from 'vitest';
import { argmaxRows } from '../core/data/metrics';
import { toErrorInfo } from '../core/errors';
import { assertSupportedBits } from '../core/quant/quantize-math';
import { buildDownload, type DownloadFormat } from '../core/report/download';
import type { LabResult } from '../core/report/report-types';
import { getLayer } from '../core/model/spec';
import { clearSession, loadTinySession } from '../../test-support/worker/tiny-session';
import { ActivationQuantizer } from '../core/quant/activation-quantizer';
import { requireCompressed, requireData, requireModel, session } from './engine-session';
import { loadDemo } from './model-handlers';
import { estimateMemory } from './robustness-handlers';
import { runPipeline } from './run-handlers';
import { DEFAULT_SETTINGS } from '../store/pipeline-settings';

async function failure(work: () => unknown): Promise<{ code: string; message: string }> {
  try {
    await work();
  } catch (e) {
    return toErrorInfo(e);
  }
  throw new Error('expected a failure');
}

afterEach(clearSession);

describe('specific LabError codes instead of INVALID_ARGUMENT', () => {
  it('NOT_READY: asked before a model, data or finished run exists', async () => {
    expect(await failure(requireModel)).toEqual({
      code: 'NOT_READY',
      message: 'No model is loaded: pick a demo or drop a model.json first.',
    });
    expect(await failure(requireData)).toEqual({
      code: 'NOT_READY',
      message: 'No data is loaded: choose MNIST or noisy MNIST first.',
    });
    expect(await failure(requireCompressed)).toEqual({
      code: 'NOT_READY',
      message: 'No compressed model yet: run the pipeline first.',
    });
    const quantizer = new ActivationQuantizer({ bits: 8, delaySteps: 0 });
    const x = tf.tensor1d([1, 2]);
    quantizer.observe(x);
    expect(await failure(() => quantizer.range)).toEqual({
      code: 'NOT_READY',
      message: 'ActivationQuantizer.range was read with observations pending; await flush() first.',
    });
    await quantizer.flush();
    x.dispose();
  });

  it('BUSY, OUT_OF_RANGE, UNKNOWN_NAME, LAYER_NOT_FOUND', async () => {
    const spec = await loadTinySession(16, 8);
    session.runs.set('r0', new AbortController());
    expect(await failure(() => runPipeline('r1', DEFAULT_SETTINGS, () => undefined))).toEqual({
      code: 'BUSY',
      message: 'A run is already in progress; cancel it first.',
    });
    expect(await failure(() => estimateMemory(0, 1e9))).toEqual({
      code: 'OUT_OF_RANGE',
      message: 'Batch size 0 must be a positive integer.',
    });
    expect(await failure(() => loadDemo('nope'))).toEqual({
      code: 'UNKNOWN_NAME',
      message: 'There is no demo model called "nope".',
    });
    expect(await failure(() => getLayer(spec, 'nope'))).toEqual({
      code: 'LAYER_NOT_FOUND',
      message: 'Layer "nope" is not in model "small_cnn".',
    });
  });

  it('core: OUT_OF_RANGE batch sizes and bit widths, UNKNOWN_NAME formats, SHAPE_MISMATCH scores', async () => {
    expect(await failure(() => assertSupportedBits(12, 'Weight quantization'))).toEqual({
      code: 'OUT_OF_RANGE',
      message: 'Weight quantization: 12 bits is not supported; use 2–8 or 16 bits.',
    });
    expect(await failure(() => argmaxRows(new Float32Array(5), 2))).toEqual({
      code: 'SHAPE_MISMATCH',
      message: 'Scores of length 5 do not split into rows of 2.',
    });
    const lab = { spec: await loadTinySession(8, 4), quant: {}, report: {} } as LabResult;
    expect(await failure(() => buildDownload(lab, { format: 'zip' as DownloadFormat }))).toEqual({
      code: 'UNKNOWN_NAME',
      message: 'Unknown download format "zip": choose stock, packed, float16, onnx or onnx-float.',
    });
  });
});
