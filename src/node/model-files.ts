import fs from 'node:fs';
import path from 'node:path';
import { LabError } from '../core/errors';
import { checkFileSizes } from '../core/limits/file-limits';
import { isRecord, ownField, parsedJsonFiles } from '../core/model/model-json';
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
  if (!isDir) regularFileSize(pathToJsonOrDir);
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
  // Null prototype: a shard named "__proto__" or "toString" is data, not an object member.
  const files = Object.create(null) as Record<string, Uint8Array>;
  const sizes = jsonNames.map((name) => ({
    name,
    sizeBytes: regularFileSize(path.join(dir, name)),
  }));
  checkFileSizes(sizes, 'model');
  for (const name of jsonNames) files[name] = readBytes(path.join(dir, name));
  const shards = [...manifestBasenames(files)].filter(
    (shard) => !Object.hasOwn(files, shard) && fs.existsSync(path.join(dir, shard)),
  );
  // Every shard is stat-ed and the sizes checked together before the first one is read.
  const shardSizes = shards.map((name) => ({
    name,
    sizeBytes: regularFileSize(path.join(dir, name)),
  }));
  checkFileSizes([...sizes, ...shardSizes], 'model');
  for (const shard of shards) files[shard] = readBytes(path.join(dir, shard));
  return files;
}

/**
 * The size of a regular file; anything else (a FIFO, a device such as /dev/urandom, a
 * socket) is refused before it is opened, since reading it could block or never end.
 */
function regularFileSize(p: string): number {
  const stat = fs.statSync(p);
  if (!stat.isFile()) {
    const kind = stat.isFIFO()
      ? 'a named pipe'
      : stat.isCharacterDevice() || stat.isBlockDevice()
        ? 'a device'
        : stat.isDirectory()
          ? 'a folder'
          : 'not a regular file';
    throw new LabError(
      'INVALID_ARGUMENT',
      `"${p}" is ${kind}; the lab reads models only from regular files.`,
    );
  }
  return stat.size;
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
  for (const [, json] of parsedJsonFiles(files)) {
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
