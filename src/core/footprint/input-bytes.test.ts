import { describe, expect, it } from 'vitest';
import { parseModelFiles } from '../model/load-files';
import {
  float32ModelFiles,
  sizeTestSpec,
  uint8ModelFiles,
} from '../../../test-support/fixtures/quantized-input-model';
import { inputSizes, modelInputFiles } from './input-bytes';

describe('input sizes', () => {
  it('counts the model JSON and its weight files only, and names the stored dtype', async () => {
    const files = uint8ModelFiles(await sizeTestSpec());
    const given = { ...files, 'README.txt': new Uint8Array(5_000) };
    const spec = parseModelFiles(given);
    expect(Object.keys(modelInputFiles(given)).sort()).toEqual(['model.json', 'weights.bin']);
    const sizes = inputSizes(given, spec);
    expect(sizes.fileBytes).toBe(files['model.json'].length + files['weights.bin'].length);
    expect(files['weights.bin'].length).toBe(56_394);
    expect(sizes.gzipBytes).toBeGreaterThan(0);
    expect(sizes.storedDtype).toBe('uint8');
  });

  it('orders mixed dtypes by parameter count', async () => {
    const spec = await sizeTestSpec();
    const files = float32ModelFiles(spec);
    const parsed = parseModelFiles(files);
    const mixed = {
      ...parsed,
      meta: {
        ...parsed.meta,
        storedWeightDtypes: { ...parsed.meta.storedWeightDtypes, 'c3/kernel': 'uint8' },
      },
    };
    const sizes = inputSizes(files, mixed);
    expect(sizes.paramsByDtype).toEqual({ uint8: 36_864, float32: 19_530 });
    expect(sizes.storedDtype).toBe('uint8 + float32');
    expect(sizes.fileBytes).toBe(files['model.json'].length + 56_394 * 4);
  });
});
