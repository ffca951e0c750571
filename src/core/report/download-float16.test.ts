import { describe, expect, it } from 'vitest';
import { parseModelFiles } from '../model/load-files';
import { quantizeModel } from '../pipeline/quantize-model';
import {
  sizeTestSpec,
  float32ModelFiles,
} from '../../../test-support/fixtures/quantized-input-model';
import { inputSizes } from '../footprint/input-bytes';
import { buildDownload, type DownloadFormat } from './download';

describe('float16 download', () => {
  it('stores 2 bytes per weight, with the float32 input compared in report.json', async () => {
    const files = float32ModelFiles(await sizeTestSpec());
    const spec = parseModelFiles(files);
    const quant = { weightBits: 16, activationBits: 32, perChannel: true, pow2: false };
    const lab = await quantizeModel({ spec, quant, input: inputSizes(files, spec) });
    const { files: out } = buildDownload(lab, { format: 'float16' });
    expect(out['weights.bin'].length).toBe(56_394 * 2);
    expect(lab.report.bytes.input?.fileBytes).toBe(
      files['model.json'].length + files['weights.bin'].length,
    );
    expect(lab.report.notes).toContain(
      'Data-free: weights only were quantized (per the settings above) from the weights alone; activations stay float32, and no metric was measured because no data was given.',
    );
    expect(() => buildDownload(lab, { format: 'zip' as DownloadFormat })).toThrow(
      'Unknown download format "zip": choose stock, packed, float16, onnx or onnx-float.',
    );
  });
});
