import { describe, expect, it } from 'vitest';
import { exportPacked } from '../export/export-packed';
import { exportStock } from '../export/export-stock';
import { parseModelFiles } from '../model/load-files';
import { FLOAT_BITS } from '../quant/quant-plan';
import {
  sizeTestSpec,
  uint8ModelFiles,
} from '../../../test-support/fixtures/quantized-input-model';
import { dataFreeEstimates, estimateExport } from './export-estimate';
import { inputSizes } from './input-bytes';

describe('export size estimates', () => {
  it('are within 5 % of the real stock and packed files, and name the larger-than-input case', async () => {
    const files = uint8ModelFiles(await sizeTestSpec());
    const spec = parseModelFiles(files);
    const input = inputSizes(files, spec);
    for (const bits of [8, 4, 2]) {
      const quant = { weightBits: bits, activationBits: FLOAT_BITS, perChannel: true, pow2: false };
      const est = estimateExport(spec, bits, input.modelJsonBytes);
      const stock = exportStock(spec, quant).sizes.fileBytes;
      const packed = exportPacked(spec, quant).sizes.fileBytes;
      expect(Math.abs(est.stockBytes / stock - 1)).toBeLessThan(0.05);
      expect(Math.abs(est.packedBytes / packed - 1)).toBeLessThan(0.05);
    }
    const four = estimateExport(spec, 4, input.modelJsonBytes);
    expect(four.stockBytes).toBeGreaterThan(input.fileBytes);
    expect(four.packedBytes).toBeLessThan(input.fileBytes);
  });

  it('offers float16 and 8 down to 2 bits; float16 stores 2 bytes per parameter', async () => {
    const spec = await sizeTestSpec();
    const est = dataFreeEstimates(spec, 1000);
    expect(est.map((e) => e.weights)).toEqual(['float16', 8, 7, 6, 5, 4, 3, 2]);
    expect(est[0].stockBytes).toBe(56_394 * 2 + 1000);
  });
});
