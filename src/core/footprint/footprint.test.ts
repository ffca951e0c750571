import { describe, expect, it } from 'vitest';
import { computeFootprint, performanceDensity } from './footprint';
import { artifactBytes, runtimeBytes } from './artifact-bytes';
import { tinyConvSpec } from '../../../test-support/quant/quant-test-models';

// tiny_conv: input 6×6×1 → conv 3×3, 4 filters, relu (valid: 4×4×4) → BN → flatten (64) → dense 10.
const CONV_KERNEL = 3 * 3 * 1 * 4;
const CONV_BIAS = 4;
const BN_PARAMS = 4 * 4; // gamma, beta, moving mean, moving variance
const FC_KERNEL = 4 * 4 * 4 * 10;
const FC_BIAS = 10;
const CONV_OUT = 4 * 4 * 4; // measured at bn (the conv unit's last follower)
const FC_OUT = 10; // the model output is the fc unit's measurement point

describe('computeFootprint', () => {
  it('counts a hand-countable model at W4A8', async () => {
    const spec = await tinyConvSpec();
    const fp = computeFootprint(spec, { weightBits: 4, activationBits: 8 });
    expect(fp.totals.params).toBe(CONV_KERNEL + CONV_BIAS + BN_PARAMS + FC_KERNEL + FC_BIAS);
    const weightBits = (CONV_KERNEL + FC_KERNEL) * 4 + (CONV_BIAS + BN_PARAMS + FC_BIAS) * 32;
    const activationBits = (CONV_OUT + FC_OUT) * 8;
    expect(fp.totals.weightBits).toBe(weightBits);
    expect(fp.totals.activationBits).toBe(activationBits);
    expect(fp.totals.footprintBits).toBe(weightBits + activationBits);
    const conv = fp.layers.find((l) => l.name === 'conv')!;
    expect([
      conv.quantizedParams,
      conv.floatParams,
      conv.weightBits,
      conv.activationElements,
    ]).toEqual([CONV_KERNEL, CONV_BIAS, CONV_KERNEL * 4 + CONV_BIAS * 32, 0]);
    const bn = fp.layers.find((l) => l.name === 'bn')!;
    expect([bn.quantizedParams, bn.floatParams, bn.activationElements, bn.activationBits]).toEqual([
      0,
      BN_PARAMS,
      CONV_OUT,
      CONV_OUT * 8,
    ]);
    expect(fp.layers.find((l) => l.name === 'flat')!.activationElements).toBe(0);
  });

  it('counts everything as float32 at W32A32', async () => {
    const spec = await tinyConvSpec();
    const fp = computeFootprint(spec, { weightBits: 32, activationBits: 32 });
    expect(fp.totals.weightBits).toBe(fp.totals.params * 32);
    expect(fp.totals.activationBits).toBe((CONV_OUT + FC_OUT) * 32);
  });

  it('gives performance density and refuses a zero footprint', () => {
    expect(performanceDensity(0.9, 4500)).toBe(0.9 / 4500);
    expect(() => performanceDensity(0.9, 0)).toThrow(
      'Performance density needs a positive footprint; got 0 bits.',
    );
  });
});

describe('byte figures', () => {
  it('sums file and gzip bytes and reports float32 runtime bytes', async () => {
    const zeros = new Uint8Array(10_000);
    const bytes = artifactBytes({ 'a.bin': zeros, 'b.json': new TextEncoder().encode('{}') });
    expect(bytes.fileBytes).toBe(10_002);
    expect(bytes.perFile['a.bin'].gzipBytes).toBeLessThan(100); // zeros compress to almost nothing
    expect(bytes.gzipBytes).toBe(
      bytes.perFile['a.bin'].gzipBytes + bytes.perFile['b.json'].gzipBytes,
    );
    const spec = await tinyConvSpec();
    expect(runtimeBytes(spec)).toBe(
      (CONV_KERNEL + CONV_BIAS + BN_PARAMS + FC_KERNEL + FC_BIAS) * 4,
    );
  });
});
