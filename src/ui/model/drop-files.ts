import { checkFileSizes, type FileSetKind } from '../../protocol/page-core';
import type { FileBytes } from '../../protocol/engine-types';

/**
 * Reads what a user dropped — loose files or whole folders — into named buffers.
 * Folders are walked with webkitGetAsEntry (the only cross-browser directory API for
 * drops); names keep their relative path so shards in sub-folders still match by basename.
 */
function readEntries(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => reader.readEntries(resolve, reject));
}

function entryFile(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

async function walk(entry: FileSystemEntry, prefix: string, out: PickedFile[]): Promise<void> {
  if (entry.isFile) {
    out.push({
      name: `${prefix}${entry.name}`,
      file: await entryFile(entry as FileSystemFileEntry),
    });
    return;
  }
  if (!entry.isDirectory) return;
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  // readEntries returns at most ~100 entries per call: read until it returns none.
  for (let batch = await readEntries(reader); batch.length > 0; batch = await readEntries(reader)) {
    for (const child of batch) await walk(child, `${prefix}${entry.name}/`, out);
  }
}

export interface PickedFile {
  name: string;
  file: File;
}

/** What was dropped, as File handles: nothing is read yet, so sizes can be checked first. */
export async function pickedFromDataTransfer(dataTransfer: DataTransfer): Promise<PickedFile[]> {
  const found: PickedFile[] = [];
  const entries = Array.from(dataTransfer.items ?? [])
    .filter((item) => item.kind === 'file')
    .map((item) => item.webkitGetAsEntry?.() ?? null);
  if (entries.length > 0 && entries.every((e) => e !== null)) {
    for (const entry of entries) await walk(entry!, '', found);
  } else {
    for (const file of Array.from(dataTransfer.files))
      found.push({ name: file.webkitRelativePath || file.name, file });
  }
  return found;
}

export function pickedFromList(list: FileList): PickedFile[] {
  return Array.from(list).map((file) => ({ name: file.webkitRelativePath || file.name, file }));
}

/**
 * Refuses sizes over the documented limits (FILE_TOO_LARGE) from File.size alone, then reads
 * the files whole.
 */
export async function readPicked(
  picked: PickedFile[],
  kind: FileSetKind = 'model',
): Promise<FileBytes[]> {
  checkFileSizes(
    picked.map(({ name, file }) => ({ name, sizeBytes: file.size })),
    kind,
  );
  return Promise.all(
    picked.map(async ({ name, file }) => ({ name, bytes: await file.arrayBuffer() })),
  );
}

export async function filesFromDataTransfer(dataTransfer: DataTransfer): Promise<FileBytes[]> {
  return readPicked(await pickedFromDataTransfer(dataTransfer));
}

export async function filesFromList(list: FileList): Promise<FileBytes[]> {
  return readPicked(pickedFromList(list));
}
