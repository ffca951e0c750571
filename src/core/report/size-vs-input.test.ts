import { describe, expect, it } from 'vitest';
import {
  largerWarning,
  ratioVsInput,
  sizeLabel,
  sizeLines,
  smallerFormat,
  vsInputPhrase,
} from './size-vs-input';

const mobilenet = { stockBytes: 3_014_478, packedBytes: 1_402_113, inputBytes: 2_737_389 };

describe('sizes against the input', () => {
  it('labels bytes in decimal units', () => {
    expect([999, 60_492, 2_737_389].map(sizeLabel)).toEqual(['999 B', '60.5 kB', '2.74 MB']);
  });

  it('calls a larger export larger, with both numbers, and a smaller one by its ratio', () => {
    expect(ratioVsInput(1_000, 3_000)).toBe(3);
    expect(vsInputPhrase(3_014_478, 2_737_389)).toBe(
      'larger than your input: 3.01 MB vs your 2.74 MB',
    );
    expect(vsInputPhrase(1_368_694, 2_737_389)).toBe('2.00× smaller than your 2.74 MB');
    expect(vsInputPhrase(500, 500)).toBe('the same size as your 500 B');
  });

  it('warns when the stock export is not smaller, and offers the packed one', () => {
    expect(largerWarning({ ...mobilenet, weightBits: 4 })).toBe(
      'The stock format stores 4-bit codes in whole bytes: 3.01 MB vs your 2.74 MB; the packed format is 1.40 MB but needs the lab to load.',
    );
    expect(largerWarning({ ...mobilenet, weightBits: 8, packedBytes: 2_800_000 })).toBe(
      'The stock export is not smaller than your input: 3.01 MB vs your 2.74 MB; the packed format (2.80 MB) is not smaller either: your file already stores its weights at this precision or below.',
    );
    expect(largerWarning({ ...mobilenet, stockBytes: 700_000, weightBits: 8 })).toBeNull();
  });

  it('picks stock when it is smaller than the input, else packed when that is', () => {
    expect(smallerFormat({ ...mobilenet, weightBits: 4 })).toBe('packed');
    expect(smallerFormat({ ...mobilenet, stockBytes: 700_000, weightBits: 8 })).toBe('stock');
    expect(smallerFormat({ ...mobilenet, packedBytes: 2_800_000, weightBits: 8 })).toBe('stock');
  });

  it('prints the input line first and the float32 comparison last, labelled', () => {
    const lines = sizeLines(
      {
        stock: { fileBytes: 3_014_478, gzipBytes: 2_500_000 },
        packed: { fileBytes: 1_402_113, gzipBytes: 1_300_000 },
      },
      {
        fileBytes: 2_737_389,
        gzipBytes: 2_400_000,
        modelJsonBytes: 0,
        storedDtype: 'uint8',
        paramsByDtype: {},
      },
      14_000_000,
    );
    expect(lines).toEqual([
      'your input: 2.74 MB (2737389 B, gzip 2400000 B), weights stored as uint8',
      'stock: 3.01 MB (3014478 B), larger than your input: 3.01 MB vs your 2.74 MB; gzip 2500000 B vs your 2400000 B',
      'packed: 1.40 MB (1402113 B), 1.95× smaller than your 2.74 MB; gzip 1300000 B vs your 2400000 B',
      '(secondary) vs float32: stock 4.64×, packed 9.98× smaller than a float32 copy of the weights (14.00 MB)',
    ]);
  });
});
