import { describe, expect, it } from 'vitest';
import { chooseDownloadFormat, estimateLines } from './run-estimate';

const input = {
  fileBytes: 2_737_389,
  gzipBytes: 2_500_000,
  modelJsonBytes: 90_000,
  storedDtype: 'uint8',
  paramsByDtype: { uint8: 2_600_000 },
};

describe('download format chooser', () => {
  const larger = {
    stockBytes: 3_014_478,
    packedBytes: 1_400_000,
    inputBytes: 2_737_389,
    weightBits: 4,
  };
  const smaller = { ...larger, stockBytes: 1_000_000 };
  const neither = { ...larger, packedBytes: 2_900_000 };

  it('for a smaller file: stock when it beats the input, else packed when that does, else stock', () => {
    expect(chooseDownloadFormat('smaller', smaller)).toBe('stock');
    expect(chooseDownloadFormat('smaller', larger)).toBe('packed');
    expect(chooseDownloadFormat('smaller', neither)).toBe('stock');
    expect(chooseDownloadFormat('smaller', null)).toBe('stock');
  });

  it('a named format is written as named', () => {
    expect(chooseDownloadFormat('stock', larger)).toBe('stock');
    expect(chooseDownloadFormat('packed', smaller)).toBe('packed');
  });
});

describe('estimate lines', () => {
  it('give the input bytes and each format against them, and warn when stock is larger', () => {
    const lines = estimateLines(
      { weights: 4, stockBytes: 3_014_478, packedBytes: 1_400_000 },
      input,
      4,
    );
    expect(lines).toEqual([
      'size estimate: your input 2.74 MB (uint8); stock ≈ 3.01 MB, larger than your input: 3.01 MB vs your 2.74 MB; packed ≈ 1.40 MB, 1.96× smaller than your 2.74 MB',
      'warning: The stock format stores 4-bit codes in whole bytes: 3.01 MB vs your 2.74 MB; the packed format is 1.40 MB but needs the lab to load.',
    ]);
    expect(
      estimateLines({ weights: 8, stockBytes: 1_000_000, packedBytes: 900_000 }, input, 8),
    ).toHaveLength(1);
  });
});
