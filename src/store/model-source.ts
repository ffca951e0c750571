import type { FileBytes } from '../protocol/engine-types';

/**
 * Where the loaded model came from, so "Restart engine" can load it into a fresh worker.
 * Dropped files are kept as copies (the originals are transferred to the worker); plain
 * module state because buffers are not store data.
 */
export type ModelSource =
  | { kind: 'demo'; name: string }
  | { kind: 'url'; url: string }
  | { kind: 'files'; files: FileBytes[] };

let current: ModelSource | null = null;

export function rememberModelSource(source: ModelSource): void {
  current = source;
}

export function lastModelSource(): ModelSource | null {
  return current;
}

export function copyFiles(files: FileBytes[]): FileBytes[] {
  return files.map((f) => ({ name: f.name, bytes: f.bytes.slice(0) }));
}
