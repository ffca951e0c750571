import { describe, expect, it } from 'vitest';
import {
  accuracy,
  agreement,
  argmaxRows,
  imagePsnrs,
  MAX_PSNR_DB,
  meanImagePsnr,
  psnr,
} from './metrics';

describe('classification metrics', () => {
  const scores = [0.1, 0.7, 0.2, /**/ 0.5, 0.5, 0, /**/ 0, 0.1, 0.9, /**/ 0.3, 0.3, 0.4];

  it('argmaxRows takes the first maximum on ties', () => {
    expect(Array.from(argmaxRows(scores, 3))).toEqual([1, 0, 2, 2]);
  });

  it('accuracy counts top-1 matches', () => {
    expect(accuracy(scores, [1, 1, 2, 0], 3)).toBe(0.5);
    expect(accuracy(scores, [1, 0, 2, 2], 3)).toBe(1);
  });

  it('agreement compares top-1 classes with a reference model', () => {
    const reference = [0, 1, 0, /**/ 1, 0, 0, /**/ 0, 0, 1, /**/ 1, 0, 0];
    expect(agreement(scores, reference, 3)).toBe(0.75);
  });

  it('rejects ragged or mismatched inputs with exact messages', () => {
    expect(() => argmaxRows([1, 2, 3], 2)).toThrow(
      'Scores of length 3 do not split into rows of 2.',
    );
    expect(() => accuracy(scores, [1, 2], 3)).toThrow('Accuracy: 4 predictions but 2 references.');
    expect(() => accuracy([], [], 3)).toThrow('Accuracy: no examples to score.');
  });
});

describe('PSNR (peak 1.0, mean of per-image values)', () => {
  it('is 20 dB for a uniform error of 0.1 and 6.02 dB for 0.5', () => {
    expect(psnr([0.1, 0.1], [0, 0])).toBeCloseTo(20, 10);
    expect(psnr([0.5, 0.5, 0.5, 0.5], [0, 0, 0, 0])).toBeCloseTo(6.0206, 4);
  });

  it('caps a perfect image at MAX_PSNR_DB', () => {
    expect(psnr([0.3, 0.6], [0.3, 0.6])).toBe(MAX_PSNR_DB);
  });

  it('averages per-image PSNRs (not the PSNR of the pooled MSE)', () => {
    const predicted = [0.1, 0.1, /**/ 0.01, 0.01];
    const target = [0, 0, 0, 0];
    expect(Array.from(imagePsnrs(predicted, target, 2)).map((v) => +v.toFixed(6))).toEqual([
      20, 40,
    ]);
    expect(meanImagePsnr(predicted, target, 2)).toBeCloseTo(30, 10);
    // The pooled MSE would give −10·log10((0.01 + 0.0001)/2) ≈ 22.97 dB instead.
    expect(meanImagePsnr(predicted, target, 2)).not.toBeCloseTo(22.97, 1);
  });

  it('rejects arrays that do not form whole images', () => {
    expect(() => meanImagePsnr([0, 0, 0], [0, 0, 0], 2)).toThrow(
      'PSNR: 3 predicted and 3 target values do not form images of 2 pixels.',
    );
  });
});
