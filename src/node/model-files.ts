import fs from 'node:fs';
import path from 'node:path';
import { LabError } from '../core/errors';
import { isRecord, ownField, parseJsonBytes } from '../core/model/model-json';
import { basenameOf } from '../core/model/shard-bytes';

/**
 * A model on disk → the file map parseModelFiles reads: the model JSON (or, for a folder,
 * every *.json in it) plus the shard files its weightsManifest names, looked up by basename
 * in the JSON's folder. Other files are never read, so pointing at a big folder is cheap.
 */
export function readModelDir(pathToJsonOrDir: string): Record<string, Uint8Array> {
  if (!fs.existsSync(pathToJsonOrDir)) {
    throw new LabError('INVALID_ARGUMENT', `Model path "${pathToJsonOrDir}" does not exist.`);
  }
  const isDir = fs.statSync(pathToJsonOrDir).isDirectory();
  const dir = isDir ? pathToJsonOrDir : path.dirname(pathToJsonOrDir);
  const jsonNames = isDir
    ? fs
        .readdirSync(dir)
        .filter((name) => name.toLowerCase().endsWith('.json') && isFile(path.join(dir, name)))
    : [path.basename(pathToJsonOrDir)];
  if (jsonNames.length === 0) {
    throw new LabError(
      'MISSING_TOPOLOGY',
      `Folder "${dir}" holds no .json file; a TensorFlow.js model needs its model.json.`,
    );
  }
  const files: Record<string, Uint8Array> = {};
  for (const name of jsonNames) files[name] = readBytes(path.join(dir, name));
  for (const shard of manifestBasenames(files)) {
    const shardPath = path.join(dir, shard);
    if (!Object.hasOwn(files, shard) && isFile(shardPath)) files[shard] = readBytes(shardPath);
  }
  return files;
}

/** A plain Uint8Array that owns its memory (a Buffer may view a shared pool). */
function readBytes(p: string): Uint8Array {
  return new Uint8Array(fs.readFileSync(p));
}

function isFile(p: string): boolean {
  return fs.existsSync(p) && fs.statSync(p).isFile();
}

/** Unreadable JSON is left for parseModelFiles to report with its proper error. */
function manifestBasenames(files: Record<string, Uint8Array>): Set<string> {
  const names = new Set<string>();
  for (const [name, bytes] of Object.entries(files)) {
    let json: unknown;
    try {
      json = parseJsonBytes(bytes, name);
    } catch {
      continue;
    }
    const manifest = isRecord(json) ? ownField(json, 'weightsManifest') : json;
    if (!Array.isArray(manifest)) continue;
    for (const group of manifest) {
      const paths = isRecord(group) ? ownField(group, 'paths') : undefined;
      if (Array.isArray(paths))
        for (const p of paths) if (typeof p === 'string') names.add(basenameOf(p));
    }
  }
  names.delete('');
  names.delete('.');
  names.delete('..');
  return names;
}

/** Writes each file under `dir` (created if needed); names must be plain file names. */
export function writeModelDir(dir: string, files: Record<string, Uint8Array>): void {
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, bytes] of Object.entries(files)) {
    if (name !== path.basename(name) || name === '..' || name === '.' || name === '') {
      throw new LabError(
        'INVALID_ARGUMENT',
        `Cannot write model file "${name}": it must be a plain file name.`,
      );
    }
    fs.writeFileSync(path.join(dir, name), bytes);
  }
}
