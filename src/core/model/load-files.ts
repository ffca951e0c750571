import { LabError } from '../errors';
import { kerasFileOf, parseKerasFile } from '../formats/keras/read-keras';
import { isRecord, ownField, parseJsonBytes } from './model-json';
import { basenameOf } from './shard-bytes';
import type { ModelSpec } from './spec';

import { parseModelJson } from './parse-model-json';

export { parseModelJson };
/**
 * A dropped folder or CLI directory (file name → bytes) → ModelSpec. The model JSON is
 * sniffed and every claim in it checked before any weight buffer is built; each way a file
 * set can be wrong has one LabError with one message (pinned in load-files.test.ts).
 */
export interface ParseModelOptions {
  /** Which file is the model JSON, when the caller knows; otherwise it is sniffed. */
  jsonPath?: string;
}

/** Far above any real layers-model JSON (they are kilobytes); refused before decoding. */
export const MAX_MODEL_JSON_BYTES = 64 * 1024 * 1024;

export function parseModelFiles(
  files: Record<string, Uint8Array>,
  opts: ParseModelOptions = {},
): ModelSpec {
  const kerasFile = opts.jsonPath === undefined ? kerasFileOf(files) : undefined;
  if (kerasFile !== undefined) return parseKerasFile(files[kerasFile], kerasFile);
  const { jsonPath, json } =
    opts.jsonPath !== undefined ? readJsonFile(files, opts.jsonPath) : findModelJson(files);
  return parseModelJson(json, jsonPath, files);
}

function readJsonFile(
  files: Record<string, Uint8Array>,
  jsonPath: string,
): { jsonPath: string; json: unknown } {
  if (!Object.hasOwn(files, jsonPath)) {
    throw new LabError('MISSING_TOPOLOGY', `The model file "${jsonPath}" was not provided.`);
  }
  const bytes = files[jsonPath];
  if (bytes.byteLength > MAX_MODEL_JSON_BYTES) {
    throw new LabError(
      'FILE_TOO_LARGE',
      `File "${jsonPath}" is ${bytes.byteLength} bytes; a model JSON over ${MAX_MODEL_JSON_BYTES} bytes is refused.`,
    );
  }
  return { jsonPath, json: parseJsonBytes(bytes, jsonPath) };
}

/**
 * `model.json` if present; else the *.json that holds a modelTopology (or, failing that, a
 * weightsManifest, so the refusal can say what the file is). A single file of any name is
 * tried as JSON, so a wrongly dropped binary is reported as not JSON.
 */
function findModelJson(files: Record<string, Uint8Array>): { jsonPath: string; json: unknown } {
  const keys = Object.keys(files);
  if (keys.length === 0)
    throw new LabError(
      'MISSING_TOPOLOGY',
      'No files were given; a TensorFlow.js model needs its model.json.',
    );
  const named = keys.find((k) => basenameOf(k) === 'model.json');
  if (named !== undefined) return readJsonFile(files, named);
  let candidates = keys.filter((k) => basenameOf(k).toLowerCase().endsWith('.json'));
  if (candidates.length === 0 && keys.length === 1) candidates = keys;
  if (candidates.length === 0) {
    const listed = keys
      .slice(0, 5)
      .map((k) => `"${k}"`)
      .join(', ');
    throw new LabError(
      'MISSING_TOPOLOGY',
      `None of the given files (${listed}${keys.length > 5 ? ', …' : ''}) is a .json file; a TensorFlow.js model needs its model.json.`,
    );
  }
  if (candidates.length === 1) return readJsonFile(files, candidates[0]);
  const parsed: Array<{ jsonPath: string; json: unknown }> = [];
  let firstError: unknown;
  for (const key of [...candidates].sort()) {
    try {
      parsed.push(readJsonFile(files, key));
    } catch (e) {
      firstError ??= e;
    }
  }
  const has = (p: { json: unknown }, key: string) =>
    isRecord(p.json) && ownField(p.json, key) !== undefined;
  const pick =
    parsed.find((p) => has(p, 'modelTopology')) ??
    parsed.find((p) => has(p, 'weightsManifest')) ??
    parsed[0];
  if (!pick) throw firstError;
  return pick;
}

/** Sniffs what kind of TensorFlow.js file this is and refuses every kind but a layers model. */
