import { afterEach, describe, expect, it } from 'vitest';
import { inputSizes } from '../core/footprint/input-bytes';
import { parseModelFiles } from '../core/model/load-files';
import { sizeTestSpec, uint8ModelFiles } from '../../test-support/fixtures/quantized-input-model';
import { session } from './engine-session';
import { summarizeModel } from './model-summary';
import { quantizeWeightsDataFree } from './weight-quant-handlers';

async function loadUint8Model(): Promise<number> {
  const files = uint8ModelFiles(await sizeTestSpec());
  const spec = parseModelFiles(files);
  session.model = { spec, summary: summarizeModel(spec, 'test'), input: inputSizes(files, spec) };
  return Object.values(files).reduce((n, b) => n + b.length, 0);
}

afterEach(() => {
  session.model = null;
});

describe('data-free weight quantization in the worker', () => {
  it('writes the smaller (packed) file for a 4-bit run of a uint8 model, and warns', async () => {
    const inputBytes = await loadUint8Model();
    const out = await quantizeWeightsDataFree({ weights: 4, format: 'smaller' });
    expect([out.format, out.chosen]).toEqual(['packed', true]);
    expect(out.input?.fileBytes).toBe(inputBytes);
    expect(out.ratioVsInput).toBeCloseTo(inputBytes / out.fileBytes, 12);
    expect(out.ratioVsInput).toBeGreaterThan(1.5);
    expect(out.warning).toContain('The stock format stores 4-bit codes in whole bytes');
    expect(out.files.map((f) => f.name).sort()).toEqual([
      'model.packed.json',
      'report.json',
      'report.md',
      'weights.packed.bin',
    ]);
  });

  it('writes float16 as asked and refuses bits outside 2–8', async () => {
    await loadUint8Model();
    const half = await quantizeWeightsDataFree({ weights: 'float16', format: 'smaller' });
    expect(half.format).toBe('float16');
    expect(half.files.find((f) => f.name === 'weights.bin')?.bytes.byteLength).toBe(56_394 * 2);
    await expect(quantizeWeightsDataFree({ weights: 9, format: 'stock' })).rejects.toThrow(
      'Data-free quantization takes 2 to 8 bits per weight or float16; got 9.',
    );
  });
});
