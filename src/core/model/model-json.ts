import { LabError } from '../errors';

/**
 * The shape of a TensorFlow.js layers-model `model.json` as the lab writes it, and the
 * guarded JSON reading used for every model file a user hands us.
 */
export type QuantizationJson =
  { dtype: 'uint8' | 'uint16'; scale: number; min: number } | { dtype: 'float16' };

export interface WeightSpecJson {
  name: string;
  shape: number[];
  dtype: 'float32';
  quantization?: QuantizationJson;
}

export interface WeightsManifestGroupJson {
  paths: string[];
  weights: WeightSpecJson[];
}

export interface ModelJson {
  format: 'layers-model';
  generatedBy: string;
  convertedBy: string | null;
  modelTopology: Record<string, unknown>;
  weightsManifest: WeightsManifestGroupJson[];
}

export type JsonRecord = Record<string, unknown>;

/** Deeper JSON than any real model.json; deeper input is refused before it is walked. */
export const MAX_JSON_DEPTH = 64;

/** Keys that would reach Object.prototype if a consumer ever merged configs naively. */
const POISONED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Own-property read: never sees inherited members such as `constructor`. */
export function ownField(record: JsonRecord, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/**
 * Parses JSON bytes, refusing deep nesting and dropping prototype-poisoning keys.
 * JSON.parse already creates `__proto__` as an own key (no pollution); removing it keeps
 * later `Object.assign`/merge code safe too.
 */
export function parseJsonBytes(bytes: Uint8Array, fileName: string): unknown {
  let parsed: unknown;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    parsed = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    // The engine's own parser message differs between browsers; ours is stable and tested.
    throw new LabError(
      'NOT_JSON',
      `File "${fileName}" is not valid JSON; a TensorFlow.js model needs its model.json.`,
    );
  }
  checkDepth(parsed, fileName);
  return stripPoisonedKeys(parsed);
}

/** Iterative so that hostile nesting cannot overflow the stack. */
function checkDepth(root: unknown, fileName: string): void {
  const stack: Array<[unknown, number]> = [[root, 1]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > MAX_JSON_DEPTH) {
      throw new LabError(
        'INVALID_MODEL',
        `File "${fileName}" nests JSON deeper than ${MAX_JSON_DEPTH} levels; no model.json does.`,
      );
    }
    const children = Array.isArray(value) ? value : Object.values(value);
    for (const child of children) stack.push([child, depth + 1]);
  }
}

/** Recursion is bounded by checkDepth. */
function stripPoisonedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripPoisonedKeys);
  if (!isRecord(value)) return value;
  const clean: JsonRecord = {};
  for (const key of Object.keys(value)) {
    if (POISONED_KEYS.has(key)) continue;
    clean[key] = stripPoisonedKeys(value[key]);
  }
  return clean;
}

export function encodeJson(value: unknown): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(value));
}

/** The files that parse as JSON, with their parsed value (the others are skipped silently). */
export function parsedJsonFiles(files: Record<string, Uint8Array>): [string, unknown][] {
  return Object.entries(files).flatMap(([name, bytes]): [string, unknown][] => {
    try {
      return [[name, parseJsonBytes(bytes, name)]];
    } catch {
      return [];
    }
  });
}
