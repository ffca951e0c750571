import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  activationStep,
  dequantizeSymmetric,
  fakeQuantActivationValues,
  fakeQuantSymmetric,
  maxInt,
  minInt,
  pow2Scale,
  quantizeSymmetric,
  roundHalfEven,
  symmetricScales,
  updateActivationRange,
  EMPTY_ACTIVATION_RANGE,
} from './quantize-math';

const BITS = [2, 3, 4, 5, 6, 7, 8, 16];
const bitsArb = fc.constantFrom(...BITS);
/** A [rows, cols] tensor with cols channels on axis 1; cols ≥ 1. */
const tensorArb = fc
  .tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 4 }))
  .chain(([rows, cols]) =>
    fc
      .array(fc.float({ min: -100, max: 100, noNaN: true, noDefaultInfinity: true }), {
        minLength: rows * cols,
        maxLength: rows * cols,
      })
      .map((v) => ({ shape: [rows, cols], data: Float32Array.from(v) })),
  );

describe('integer ranges', () => {
  it('matches the worked examples', () => {
    expect([maxInt(8, true), minInt(8, true), maxInt(4, true), minInt(4, true)]).toEqual([
      127, -128, 7, -8,
    ]);
    expect([maxInt(2, true), minInt(2, true), maxInt(8, false), minInt(8, false)]).toEqual([
      1, -2, 255, 0,
    ]);
    expect(maxInt(16, true)).toBe(32767);
  });
  it('rounds half to even like tf.round', () => {
    expect([2.5, 3.5, -1.5, 1.4, -2.6].map(roundHalfEven)).toEqual([2, 4, -2, 1, -3]);
    expect(pow2Scale(0.3)).toBe(0.25);
    expect(pow2Scale(0.4)).toBe(0.5);
  });
});

describe('symmetric weight quantization', () => {
  it('computes the documented per-channel scales and codes', () => {
    const w = Float32Array.from([-1, 0.5, 2, -4]);
    const s = symmetricScales(w, [2, 2], { bits: 8, perChannelAxis: 1, pow2: false });
    expect(Array.from(s)).toEqual([Math.fround(2 / 127), Math.fround(4 / 127)]);
    const q = quantizeSymmetric(w, [2, 2], { bits: 8, perChannelAxis: null, pow2: false });
    expect(Array.from(q.codes)).toEqual([-32, 16, 64, -127]);
    const p = symmetricScales(w, [2, 2], { bits: 8, perChannelAxis: 1, pow2: true });
    expect(Array.from(p)).toEqual([2 ** -6, 2 ** -5]);
  });

  it('round-trips within half a step and keeps codes in range', () => {
    fc.assert(
      fc.property(tensorArb, bitsArb, fc.boolean(), ({ shape, data }, bits, perChannel) => {
        const opts = { bits, perChannelAxis: perChannel ? 1 : null, pow2: false };
        const q = quantizeSymmetric(data, shape, opts);
        const back = dequantizeSymmetric(q);
        for (let i = 0; i < data.length; i++) {
          const s = q.scales[perChannel ? i % shape[1] : 0];
          expect(q.codes[i]).toBeGreaterThanOrEqual(minInt(bits, true));
          expect(q.codes[i]).toBeLessThanOrEqual(maxInt(bits, true));
          // Half a step plus float32 rounding of the scale and the product.
          expect(Math.abs(back[i] - data[i])).toBeLessThanOrEqual(s / 2 + Math.abs(data[i]) * 1e-6);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('keeps an all-zero channel exactly zero with scale 1', () => {
    fc.assert(
      fc.property(tensorArb, bitsArb, fc.boolean(), ({ shape, data }, bits, pow2) => {
        for (let i = 0; i < data.length; i += shape[1]) data[i] = 0; // channel 0 all zero
        const q = quantizeSymmetric(data, shape, { bits, perChannelAxis: 1, pow2 });
        expect(q.scales[0]).toBe(1);
        const back = dequantizeSymmetric(q);
        for (let i = 0; i < data.length; i += shape[1]) expect(back[i]).toBe(0);
      }),
      { numRuns: 100 },
    );
  });

  it('has 0 exactly on the 8-bit grid of a symmetric tensor', () => {
    fc.assert(
      fc.property(
        fc.array(fc.float({ min: -10, max: 10, noNaN: true }), { minLength: 1, maxLength: 20 }),
        (v) => {
          const data = Float32Array.from([...v, ...v.map((x) => -x), 0]);
          const fq = fakeQuantSymmetric(data, [data.length], {
            bits: 8,
            perChannelAxis: null,
            pow2: false,
          });
          expect(fq[data.length - 1]).toBe(0);
          // Symmetric: the grid value of −x is minus the grid value of x.
          for (let i = 0; i < v.length; i++) expect(fq[i] + fq[i + v.length]).toBe(0);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('makes pow2 scales exact powers of two', () => {
    fc.assert(
      fc.property(tensorArb, bitsArb, ({ shape, data }, bits) => {
        const s = symmetricScales(data, shape, { bits, perChannelAxis: 1, pow2: true });
        for (const x of s) expect(Number.isInteger(Math.log2(x))).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('refuses unsupported bit widths with a message', () => {
    expect(() =>
      symmetricScales(new Float32Array(1), [1], { bits: 9, perChannelAxis: null, pow2: false }),
    ).toThrow('Weight quantization: 9 bits is not supported; use 2–8 or 16 bits.');
  });
});

describe('activation quantization', () => {
  it('averages batch min/max cumulatively', () => {
    const r = updateActivationRange(updateActivationRange(EMPTY_ACTIVATION_RANGE, -1, 3), -3, 5);
    expect(r).toEqual({ lo: -2, hi: 4, count: 2 });
    expect(activationStep(-1, 2, 8)).toBe(3 / 255);
  });

  it('matches the worked example', () => {
    const out = fakeQuantActivationValues(Float32Array.from([-5, 0.4, 1.5, 2.6, 9]), 0, 3, 2);
    expect(Array.from(out)).toEqual([0, 0, 2, 3, 3]);
  });

  it('round-trips within half a step inside the range and lands on the grid', () => {
    fc.assert(
      fc.property(
        fc.float({ min: -50, max: 50, noNaN: true }),
        fc.float({ min: Math.fround(0.01), max: 50, noNaN: true }),
        fc.array(fc.float({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 20 }),
        bitsArb,
        (lo, width, fractions, bits) => {
          const hi = lo + width;
          const x = Float32Array.from(fractions.map((f) => lo + f * width));
          const step = activationStep(lo, hi, bits);
          const out = fakeQuantActivationValues(x, lo, hi, bits);
          for (let i = 0; i < x.length; i++) {
            expect(Math.abs(out[i] - x[i])).toBeLessThanOrEqual(
              step / 2 + 1e-5 * (Math.abs(lo) + width),
            );
            // On the grid: out = q·step + lo for an integer q, up to float32 rounding (which, at
            // 16 bits and |lo| ≫ step, is several steps wide), and inside [lo, hi].
            const tol = 2e-7 * (Math.abs(lo) + Math.abs(hi));
            const q = Math.round((out[i] - lo) / Math.fround(step));
            expect(Math.abs(out[i] - (q * Math.fround(step) + lo))).toBeLessThanOrEqual(tol);
            expect(out[i]).toBeGreaterThanOrEqual(lo - tol);
            expect(out[i]).toBeLessThanOrEqual(hi + tol);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('maps everything to lo when the range is empty', () => {
    expect(
      Array.from(fakeQuantActivationValues(Float32Array.from([-1, 0, 4]), 0.5, 0.5, 8)),
    ).toEqual([0.5, 0.5, 0.5]);
  });
});
