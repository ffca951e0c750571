/**
 * "Packed" export: the small format. Two files:
 * - model.packed.json: {format: 'pruning-lab-packed', version: 1, model (the spec without
 *   weights), weights: [{name, shape, offset, byteLength, encoding}]} where encoding is
 *   {kind: 'float32'} or {kind: 'packed', bits, quantShape, axis, count, scalesOffset};
 * - weights.packed.bin: per weight, either float32 little-endian, or its b-bit codes
 *   (bit-pack.ts) followed by its float32 scales; every segment starts 4-byte aligned.
 * Quantized kernels cost ⌈n·b/8⌉ bytes plus 4 bytes per channel scale, so the file is about the
 * weight-bits figure / 8. Loading needs this module (loadPackedModel): it rebuilds q·s exactly,
 * so the loaded model equals quantizeSpecWeights' model bit for bit.
 */
import type * as tf from '@tensorflow/tfjs';
import { LabError } from '../errors';
import { artifactBytes } from '../footprint/artifact-bytes';
import { encodeJson, parseJsonBytes } from '../model/model-json';
import type { ModelSpec, WeightTensor } from '../model/spec';
import { checkFiniteForExport } from '../model/weight-values';
import { buildLayersModel } from '../model/tf-bridge';
import { FLOAT_BITS, quantizeSpecWeights, type QuantConfig } from '../quant/quant-plan';
import { dequantizeSymmetric, type SymmetricQuantized } from '../quant/quantize-math';
import { packCodes, packedByteLength, unpackCodes } from './bit-pack';
import type { ExportResult } from './export-stock';

export const PACKED_JSON = 'model.packed.json';
export const PACKED_BIN = 'weights.packed.bin';
export const PACKED_FORMAT = 'pruning-lab-packed';

type PackedEncoding =
  | { kind: 'float32' }
  | {
      kind: 'packed';
      bits: number;
      quantShape: number[];
      axis: number | null;
      count: number;
      scalesOffset: number;
    };

interface PackedWeightEntry {
  name: string;
  shape: number[];
  offset: number;
  byteLength: number;
  encoding: PackedEncoding;
}

interface PackedHeader {
  format: typeof PACKED_FORMAT;
  version: 1;
  model: Omit<ModelSpec, 'weights'>;
  weights: PackedWeightEntry[];
}

const align4 = (n: number): number => Math.ceil(n / 4) * 4;

function float32Bytes(data: Float32Array): Uint8Array {
  const out = new Uint8Array(data.length * 4);
  const view = new DataView(out.buffer);
  for (let i = 0; i < data.length; i++) view.setFloat32(i * 4, data[i], true);
  return out;
}

interface Segment {
  entry: PackedWeightEntry;
  parts: Uint8Array[];
}

function segmentFor(
  name: string,
  weight: WeightTensor,
  q: SymmetricQuantized | undefined,
): Segment {
  if (!q) {
    const bytes = float32Bytes(weight.data);
    return {
      entry: {
        name,
        shape: [...weight.shape],
        offset: 0,
        byteLength: bytes.length,
        encoding: { kind: 'float32' },
      },
      parts: [bytes],
    };
  }
  const codes = packCodes(q.codes, q.bits);
  const scalesOffset = align4(codes.length);
  const scales = float32Bytes(q.scales);
  const encoding: PackedEncoding = {
    kind: 'packed',
    bits: q.bits,
    quantShape: q.shape,
    axis: q.axis,
    count: q.codes.length,
    scalesOffset,
  };
  const padded = new Uint8Array(scalesOffset);
  padded.set(codes);
  return {
    entry: {
      name,
      shape: [...weight.shape],
      offset: 0,
      byteLength: scalesOffset + scales.length,
      encoding,
    },
    parts: [padded, scales],
  };
}

export function exportPacked(spec: ModelSpec, config: QuantConfig): ExportResult {
  checkFiniteForExport(spec);
  const codes = config.weightBits === FLOAT_BITS ? {} : quantizeSpecWeights(spec, config).codes;
  const segments = spec.layers
    .flatMap((l) => l.weights)
    .map((name) => segmentFor(name, spec.weights[name], codes[name]));
  let sizeBytes = 0;
  for (const s of segments) {
    s.entry.offset = sizeBytes;
    sizeBytes += align4(s.entry.byteLength);
  }
  const bin = new Uint8Array(sizeBytes);
  for (const s of segments) {
    let at = s.entry.offset;
    for (const part of s.parts) {
      bin.set(part, at);
      at += part.length;
    }
  }
  const { weights: _weights, ...model } = spec;
  const header: PackedHeader = {
    format: PACKED_FORMAT,
    version: 1,
    model,
    weights: segments.map((s) => s.entry),
  };
  const files = { [PACKED_JSON]: encodeJson(header), [PACKED_BIN]: bin };
  return { files, sizes: artifactBytes(files) };
}

function readHeader(files: Record<string, Uint8Array>): PackedHeader {
  const json = Object.hasOwn(files, PACKED_JSON) ? files[PACKED_JSON] : undefined;
  if (!json)
    throw new LabError(
      'MISSING_TOPOLOGY',
      `The packed model needs "${PACKED_JSON}"; it is not among the files.`,
    );
  const header = parseJsonBytes(json, PACKED_JSON) as Partial<PackedHeader> | null;
  if (
    !header ||
    header.format !== PACKED_FORMAT ||
    header.version !== 1 ||
    !Array.isArray(header.weights) ||
    !header.model
  ) {
    throw new LabError(
      'INVALID_MODEL',
      `File "${PACKED_JSON}" is not a version-1 ${PACKED_FORMAT} header.`,
    );
  }
  return header as PackedHeader;
}

function readFloat32(bin: Uint8Array, offset: number, count: number): Float32Array {
  const view = new DataView(bin.buffer, bin.byteOffset + offset, count * 4);
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}

function decodeEntry(entry: PackedWeightEntry, bin: Uint8Array): WeightTensor {
  const count = entry.shape.reduce((a, b) => a * b, 1);
  if (entry.offset + entry.byteLength > bin.length) {
    throw new LabError(
      'BYTE_LENGTH_MISMATCH',
      `File "${PACKED_BIN}" ends before weight "${entry.name}" (needs ${entry.offset + entry.byteLength} bytes, has ${bin.length}).`,
    );
  }
  const e = entry.encoding;
  if (e.kind === 'float32')
    return { shape: entry.shape, data: readFloat32(bin, entry.offset, count) };
  const codeBytes = bin.subarray(entry.offset, entry.offset + packedByteLength(e.count, e.bits));
  const channels = e.axis === null ? 1 : e.quantShape[e.axis];
  const q: SymmetricQuantized = {
    codes: unpackCodes(codeBytes, e.count, e.bits),
    scales: readFloat32(bin, entry.offset + e.scalesOffset, channels),
    axis: e.axis,
    bits: e.bits,
    shape: e.quantShape,
  };
  return { shape: entry.shape, data: dequantizeSymmetric(q) };
}

/** The packed files back to a spec whose kernels hold q·s (pure; no tensors). */
export function unpackSpec(files: Record<string, Uint8Array>): ModelSpec {
  const header = readHeader(files);
  const bin = Object.hasOwn(files, PACKED_BIN) ? files[PACKED_BIN] : undefined;
  if (!bin)
    throw new LabError('SHARD_MISSING', `Weight file "${PACKED_BIN}" is not among the files.`);
  const weights: Record<string, WeightTensor> = {};
  for (const entry of header.weights) weights[entry.name] = decodeEntry(entry, bin);
  return { ...header.model, weights };
}

export async function loadPackedModel(files: Record<string, Uint8Array>): Promise<tf.LayersModel> {
  return buildLayersModel(unpackSpec(files));
}
