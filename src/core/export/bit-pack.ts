/**
 * Bit packing of signed integer codes for the packed export: each code q in [−2^(b−1), 2^(b−1)−1]
 * is stored as the unsigned u = q + 2^(b−1) in b bits, least-significant bit first, codes back to
 * back across byte boundaries. n codes take ⌈n·b/8⌉ bytes.
 * Example (b = 4): codes [−8, 7, 0] → u [0, 15, 8] → bytes [0xF0, 0x08].
 */
import { assertSupportedBits, minInt } from '../quant/quantize-math';

export function packedByteLength(count: number, bits: number): number {
  return Math.ceil((count * bits) / 8);
}

export function packCodes(codes: Int32Array, bits: number): Uint8Array {
  assertSupportedBits(bits, 'Bit packing');
  const offset = -minInt(bits, true);
  const out = new Uint8Array(packedByteLength(codes.length, bits));
  let bitPos = 0;
  for (let i = 0; i < codes.length; i++) {
    let u = codes[i] + offset;
    let remaining = bits;
    while (remaining > 0) {
      const byte = bitPos >>> 3;
      const shift = bitPos & 7;
      const take = Math.min(remaining, 8 - shift);
      out[byte] |= (u & ((1 << take) - 1)) << shift;
      u >>>= take;
      bitPos += take;
      remaining -= take;
    }
  }
  return out;
}

export function unpackCodes(bytes: Uint8Array, count: number, bits: number): Int32Array {
  assertSupportedBits(bits, 'Bit unpacking');
  const offset = -minInt(bits, true);
  const out = new Int32Array(count);
  let bitPos = 0;
  for (let i = 0; i < count; i++) {
    let u = 0;
    let got = 0;
    while (got < bits) {
      const shift = bitPos & 7;
      const take = Math.min(bits - got, 8 - shift);
      u |= ((bytes[bitPos >>> 3] >>> shift) & ((1 << take) - 1)) << got;
      got += take;
      bitPos += take;
    }
    out[i] = u - offset;
  }
  return out;
}
