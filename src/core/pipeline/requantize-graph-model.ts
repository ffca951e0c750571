/**
 * Re-quantizing a TensorFlow.js graph model (a converted SavedModel / frozen graph). Its
 * GraphDef topology cannot be restructured by the lab, so it cannot be pruned; but its weights
 * can be stored again per tensor as uint8 / uint16 (affine: value = q·scale + min, the stock
 * loader's formula) or float16, which tf.loadGraphModel reads unchanged. Only float32 weights
 * without a quantization field are re-quantized; every other weight (int32, bool, string,
 * already-quantized) keeps its bytes and its manifest entry. The output has the same JSON
 * (topology, signature, metadata) with one weight group in 'group1-shard1of1.bin'.
 */
import { LabError } from '../errors';
import { float32ToFloat16Bits } from '../model/float16';
import { isRecord, ownField, parseJsonBytes, type JsonRecord } from '../model/model-json';
import { joinShards, ShardLookup } from '../model/shard-bytes';

export type GraphQuantDtype = 'uint8' | 'uint16' | 'float16';

export const GRAPH_WEIGHTS_PATH = 'group1-shard1of1.bin';

export const GRAPH_REQUANTIZE_NOTE =
  'This is a graph model: its weights were re-quantized one tensor at a time (one scale and minimum per tensor, no per-channel scales), but it was not pruned — the lab cannot restructure a GraphDef. tfjs dequantizes the weights to float32 when it loads them, so only the file is smaller.';

interface WeightEntry {
  name: string;
  shape: number[];
  dtype: string;
  quantization?: JsonRecord;
}

const FIXED_BYTES: Record<string, number> = {
  float32: 4,
  int32: 4,
  bool: 1,
  complex64: 8,
  uint8: 1,
  uint16: 2,
  float16: 2,
};

export function isGraphModelJson(json: unknown): boolean {
  if (!isRecord(json)) return false;
  const topology = ownField(json, 'modelTopology');
  return (
    ownField(json, 'format') === 'graph-model' ||
    (isRecord(topology) && Array.isArray(ownField(topology, 'node')))
  );
}

function findGraphJson(files: Record<string, Uint8Array>): { name: string; json: JsonRecord } {
  const names = Object.keys(files).filter((k) => k.toLowerCase().endsWith('.json'));
  for (const name of names) {
    const json = parseJsonBytes(files[name], name);
    if (isGraphModelJson(json)) return { name, json: json as JsonRecord };
  }
  const listed = names.map((n) => `"${n}"`).join(', ') || 'none';
  throw new LabError(
    'INVALID_MODEL',
    `No graph model (format "graph-model" with a GraphDef modelTopology) among the JSON files (${listed}).`,
  );
}

function elementCount(entry: WeightEntry): number {
  return entry.shape.reduce((a, b) => a * b, 1);
}

/** Bytes of one entry starting at `offset` (strings: a uint32 length before each). */
function entryBytes(
  entry: WeightEntry,
  bytes: Uint8Array,
  offset: number,
  jsonName: string,
): number {
  const stored =
    typeof entry.quantization?.dtype === 'string' ? entry.quantization.dtype : entry.dtype;
  if (Object.hasOwn(FIXED_BYTES, stored)) return elementCount(entry) * FIXED_BYTES[stored];
  if (stored !== 'string') {
    throw new LabError(
      'UNSUPPORTED',
      `Weight "${entry.name}" in "${jsonName}" has dtype ${stored}, which the lab cannot re-quantize or copy.`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = offset;
  for (let i = 0; i < elementCount(entry); i++) {
    if (at + 4 > bytes.length) break;
    at += 4 + view.getUint32(at, true);
  }
  return at - offset;
}

/** Affine per-tensor grid with 0 exactly representable (so zeroed weights stay 0). */
function affineQuantize(
  values: Float32Array,
  dtype: 'uint8' | 'uint16',
): { bytes: Uint8Array; scale: number; min: number } {
  const levels = dtype === 'uint8' ? 255 : 65535;
  let lo = 0;
  let hi = 0;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const scale = hi > lo ? (hi - lo) / levels : 1;
  const min = -Math.round(-lo / scale) * scale;
  const codes = dtype === 'uint8' ? new Uint8Array(values.length) : new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) {
    codes[i] = Math.min(levels, Math.max(0, Math.round((values[i] - min) / scale)));
  }
  return { bytes: new Uint8Array(codes.buffer), scale, min };
}

function requantizeEntry(
  entry: WeightEntry,
  raw: Uint8Array,
  dtype: GraphQuantDtype,
): { entry: WeightEntry; bytes: Uint8Array } {
  if (entry.dtype !== 'float32' || entry.quantization) return { entry, bytes: raw };
  const values = new Float32Array(new Uint8Array(raw).buffer);
  if (dtype === 'float16') {
    const half = Uint16Array.from(values, float32ToFloat16Bits);
    return {
      entry: { ...entry, quantization: { dtype: 'float16' } },
      bytes: new Uint8Array(half.buffer),
    };
  }
  const q = affineQuantize(values, dtype);
  return {
    entry: { ...entry, quantization: { dtype, scale: q.scale, min: q.min } },
    bytes: q.bytes,
  };
}

function readGroups(
  json: JsonRecord,
  jsonName: string,
): { paths: string[]; weights: WeightEntry[] }[] {
  const manifest = ownField(json, 'weightsManifest');
  if (
    !Array.isArray(manifest) ||
    !manifest.every((g) => isRecord(g) && Array.isArray(g.paths) && Array.isArray(g.weights))
  ) {
    throw new LabError(
      'INVALID_MODEL',
      `The weightsManifest in "${jsonName}" is missing or malformed.`,
    );
  }
  return manifest as { paths: string[]; weights: WeightEntry[] }[];
}

/** The graph model's files with float32 weights stored as `dtype`; everything else as it was. */
export function requantizeGraphModel(
  files: Record<string, Uint8Array>,
  opts: { dtype: GraphQuantDtype },
): Record<string, Uint8Array> {
  if (!['uint8', 'uint16', 'float16'].includes(opts.dtype)) {
    throw new LabError(
      'INVALID_ARGUMENT',
      `Graph models re-quantize to uint8, uint16 or float16, not "${String(opts.dtype)}".`,
    );
  }
  const { name, json } = findGraphJson(files);
  const lookup = new ShardLookup(files, name);
  const weights: WeightEntry[] = [];
  const parts: Uint8Array[] = [];
  readGroups(json, name).forEach((group, g) => {
    const bytes = joinShards(group.paths, lookup, name);
    let offset = 0;
    for (const entry of group.weights) {
      const length = entryBytes(entry, bytes, offset, name);
      if (offset + length > bytes.length) {
        throw new LabError(
          'BYTE_LENGTH_MISMATCH',
          `Weight group ${g + 1} in "${name}" ends before weight "${entry.name}" (needs ${offset + length} bytes, has ${bytes.length}).`,
        );
      }
      const out = requantizeEntry(entry, bytes.subarray(offset, offset + length), opts.dtype);
      weights.push(out.entry);
      parts.push(out.bytes);
      offset += length;
    }
  });
  const bin = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    bin.set(p, at);
    at += p.length;
  }
  const outJson = { ...json, weightsManifest: [{ paths: [GRAPH_WEIGHTS_PATH], weights }] };
  return { [name]: new TextEncoder().encode(JSON.stringify(outJson)), [GRAPH_WEIGHTS_PATH]: bin };
}
