import { describe, expect, it } from 'vitest';
import { inputSizes } from '../core/footprint/input-bytes';
import { parseModelFiles } from '../core/model/load-files';
import { quantizeModel } from '../core/pipeline/quantize-model';
import { buildDownload } from '../core/report/download';
import { sizeTestSpec, uint8ModelFiles } from '../../test-support/fixtures/quantized-input-model';
import { runDownload } from './download-choice';

async function labAt(weightBits: number) {
  const files = uint8ModelFiles(await sizeTestSpec());
  const spec = parseModelFiles(files);
  const input = inputSizes(files, spec);
  const quant = { weightBits, activationBits: 32, perChannel: true, pow2: false };
  return quantizeModel({ spec, quant, input });
}

describe('a page run downloads the smaller file', () => {
  it('4 bits on an already-uint8 input: packed, with the larger-than-input warning', async () => {
    const lab = await labAt(4);
    const stock = buildDownload(lab, { format: 'stock' }).files;
    const { files, choice } = runDownload(lab, stock);
    expect(Object.keys(files).sort()).toEqual([
      'model.packed.json',
      'report.json',
      'report.md',
      'weights.packed.bin',
    ]);
    expect(choice.format).toBe('packed');
    expect(choice.inputBytes).toBe(60_492);
    expect(choice.stockBytes).toBeGreaterThan(60_492);
    expect(choice.packedBytes).toBe(
      files['model.packed.json'].length + files['weights.packed.bin'].length,
    );
    expect(choice.warning).toMatch(/^The stock format stores 4-bit codes in whole bytes: /);
  });

  it('8 bits with no input known (a demo): the stock files as they were, no warning', async () => {
    const lab = await labAt(8);
    const noInput = {
      ...lab,
      report: { ...lab.report, bytes: { ...lab.report.bytes, input: null } },
    };
    const stock = buildDownload(noInput, { format: 'stock' }).files;
    const { files, choice } = runDownload(noInput, stock);
    expect(files).toBe(stock);
    expect([choice.format, choice.inputBytes, choice.warning]).toEqual(['stock', null, null]);
  });
});
