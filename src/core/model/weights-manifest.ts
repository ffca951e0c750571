import { LabError } from '../errors';
import { decodeFloat16Array } from './float16';
import { isRecord, ownField } from './model-json';
import type { WeightTensor } from './spec';

/**
 * The weightsManifest of a model.json: validated in full (names, shapes, dtypes,
 * quantization, claimed sizes) before a single weight buffer is allocated. A group's
 * shards are one byte stream, so a weight may span two shard files.
 */
export type StoredDtype = 'float32' | 'int32' | 'uint8' | 'uint16' | 'float16';

export interface ManifestEntry {
  name: string;
  shape: number[];
  /** The dtype the tensor has after loading ('int32' is converted to float32 by the lab). */
  dtype: 'float32' | 'int32';
  storedDtype: StoredDtype;
  scale: number;
  min: number;
  byteOffset: number;
  byteLength: number;
}

export interface ManifestGroup {
  /** 1-based, as users count groups in messages. */
  number: number;
  paths: string[];
  entries: ManifestEntry[];
  sizeBytes: number;
}

/** No tfjs model comes near these; larger claims are refused before allocating anything. */
export const MAX_WEIGHT_ELEMENTS = 2 ** 28;
/** The documented limit on all weight files of a model (MAX_WEIGHT_FILES_BYTES, 512 MiB). */
export const MAX_GROUP_BYTES = 512 * 1024 * 1024;

const BYTES_PER_VALUE: Record<StoredDtype, number> = {
  float32: 4,
  int32: 4,
  uint8: 1,
  uint16: 2,
  float16: 2,
};

export function readManifest(raw: unknown, jsonName: string): ManifestGroup[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw malformed(jsonName, 'weightsManifest is not a list');
  const seen = new Set<string>();
  const groups = raw.map((group, i) => readGroup(group, i + 1, jsonName, seen));
  const totalBytes = groups.reduce((sum, g) => sum + g.sizeBytes, 0);
  if (totalBytes > MAX_GROUP_BYTES) {
    throw new LabError(
      'FILE_TOO_LARGE',
      `The ${groups.length} weight groups in "${jsonName}" claim ${totalBytes} bytes together, more than ${MAX_GROUP_BYTES}; the lab refuses models that large.`,
    );
  }
  return groups;
}

function readGroup(
  raw: unknown,
  number: number,
  jsonName: string,
  seen: Set<string>,
): ManifestGroup {
  const paths = isRecord(raw) ? ownField(raw, 'paths') : undefined;
  const weights = isRecord(raw) ? ownField(raw, 'weights') : undefined;
  if (
    !Array.isArray(paths) ||
    paths.length === 0 ||
    !paths.every((p) => typeof p === 'string' && p !== '')
  ) {
    throw malformed(jsonName, `weight group ${number} has no list of shard paths`);
  }
  if (!Array.isArray(weights))
    throw malformed(jsonName, `weight group ${number} has no list of weights`);
  const entries: ManifestEntry[] = [];
  let sizeBytes = 0;
  for (const weight of weights) {
    const entry = readEntry(weight, sizeBytes, number, jsonName);
    if (seen.has(entry.name)) throw malformed(jsonName, `weight "${entry.name}" is listed twice`);
    seen.add(entry.name);
    entries.push(entry);
    sizeBytes += entry.byteLength;
    if (sizeBytes > MAX_GROUP_BYTES) {
      throw new LabError(
        'FILE_TOO_LARGE',
        `Weight group ${number} in "${jsonName}" claims more than ${MAX_GROUP_BYTES} bytes; the lab refuses models that large.`,
      );
    }
  }
  return { number, paths: paths as string[], entries, sizeBytes };
}

function readEntry(
  raw: unknown,
  byteOffset: number,
  group: number,
  jsonName: string,
): ManifestEntry {
  const name = isRecord(raw) ? ownField(raw, 'name') : undefined;
  if (!isRecord(raw) || typeof name !== 'string' || name === '') {
    throw malformed(jsonName, `weight group ${group} has a weight without a name`);
  }
  const elements = elementCount(ownField(raw, 'shape'), name, jsonName);
  const dtype = ownField(raw, 'dtype') ?? 'float32';
  if (dtype !== 'float32' && dtype !== 'int32') {
    throw new LabError(
      'UNSUPPORTED',
      `Weight "${name}" in "${jsonName}" has dtype ${JSON.stringify(dtype)}; the lab reads float32 weights (and converts int32 ones).`,
    );
  }
  const { storedDtype, scale, min } = readQuantization(
    ownField(raw, 'quantization'),
    dtype,
    name,
    jsonName,
  );
  const shape = [...(ownField(raw, 'shape') as number[])];
  return {
    name,
    shape,
    dtype,
    storedDtype,
    scale,
    min,
    byteOffset,
    byteLength: elements * BYTES_PER_VALUE[storedDtype],
  };
}

function elementCount(shape: unknown, name: string, jsonName: string): number {
  if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
    throw malformed(
      jsonName,
      `weight "${name}" has shape ${JSON.stringify(shape ?? null)}, not a list of non-negative integers`,
    );
  }
  let count = 1;
  for (const dim of shape as number[]) {
    count *= dim;
    if (count > MAX_WEIGHT_ELEMENTS) {
      throw new LabError(
        'FILE_TOO_LARGE',
        `Weight "${name}" in "${jsonName}" claims shape ${JSON.stringify(shape)}, more than ${MAX_WEIGHT_ELEMENTS} values; the lab refuses weights that large.`,
      );
    }
  }
  return count;
}

function readQuantization(raw: unknown, dtype: string, name: string, jsonName: string) {
  if (raw === undefined || raw === null)
    return { storedDtype: dtype as StoredDtype, scale: 1, min: 0 };
  const qDtype = isRecord(raw) ? ownField(raw, 'dtype') : undefined;
  if (qDtype === 'float16' && dtype === 'float32')
    return { storedDtype: 'float16' as const, scale: 1, min: 0 };
  if (qDtype === 'uint8' || qDtype === 'uint16') {
    const scale = ownField(raw as Record<string, unknown>, 'scale');
    const min = ownField(raw as Record<string, unknown>, 'min');
    if (
      typeof scale === 'number' &&
      Number.isFinite(scale) &&
      typeof min === 'number' &&
      Number.isFinite(min)
    ) {
      return { storedDtype: qDtype as StoredDtype, scale, min };
    }
    throw malformed(
      jsonName,
      `weight "${name}" is quantized to ${qDtype} without finite scale and min`,
    );
  }
  throw new LabError(
    'UNSUPPORTED',
    `Weight "${name}" in "${jsonName}" has quantization ${JSON.stringify(raw)}; the lab reads uint8, uint16 (with scale and min) and float16.`,
  );
}

/** `bytes` holds the group's shards concatenated; its length was checked by the caller. */
export function decodeGroup(group: ManifestGroup, bytes: Uint8Array): Map<string, WeightTensor> {
  const tensors = new Map<string, WeightTensor>();
  for (const entry of group.entries) {
    // Copy into a fresh, aligned ArrayBuffer; `bytes` may be a Node Buffer (a view into a
    // shared pool, whose slice() does not copy).
    const buffer = new Uint8Array(
      bytes.subarray(entry.byteOffset, entry.byteOffset + entry.byteLength),
    ).buffer;
    tensors.set(entry.name, { shape: [...entry.shape], data: decodeValues(entry, buffer) });
  }
  return tensors;
}

/** Same arithmetic as the stock tfjs loader, so values match it bit for bit. */
function decodeValues(entry: ManifestEntry, buffer: ArrayBuffer): Float32Array {
  switch (entry.storedDtype) {
    case 'float32':
      return new Float32Array(buffer);
    case 'int32':
      return Float32Array.from(new Int32Array(buffer));
    case 'float16':
      return decodeFloat16Array(new Uint16Array(buffer));
    default: {
      const codes =
        entry.storedDtype === 'uint8' ? new Uint8Array(buffer) : new Uint16Array(buffer);
      const values = new Float32Array(codes.length);
      const round = entry.dtype === 'int32';
      for (let i = 0; i < codes.length; i++) {
        const v = codes[i] * entry.scale + entry.min;
        values[i] = round ? Math.round(v) : v;
      }
      return values;
    }
  }
}

function malformed(jsonName: string, what: string): LabError {
  return new LabError(
    'INVALID_MODEL',
    `The weightsManifest in "${jsonName}" is malformed: ${what}.`,
  );
}
