import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { packCodes, packedByteLength, unpackCodes } from './bit-pack';
import { maxInt, minInt } from '../quant/quantize-math';

describe('bit packing', () => {
  it('matches the documented 4-bit example', () => {
    expect(Array.from(packCodes(Int32Array.from([-8, 7, 0]), 4))).toEqual([0xf0, 0x08]);
    expect(packedByteLength(10, 3)).toBe(4); // 30 bits
  });

  it('round-trips any codes at every width', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(2, 3, 4, 5, 6, 7, 8, 16).chain((bits) =>
          fc.tuple(
            fc.constant(bits),
            fc.array(fc.integer({ min: minInt(bits, true), max: maxInt(bits, true) }), {
              maxLength: 40,
            }),
          ),
        ),
        ([bits, values]) => {
          const codes = Int32Array.from(values);
          const packed = packCodes(codes, bits);
          expect(packed.length).toBe(Math.ceil((codes.length * bits) / 8));
          expect(Array.from(unpackCodes(packed, codes.length, bits))).toEqual(values);
        },
      ),
      { numRuns: 300 },
    );
  });
});
