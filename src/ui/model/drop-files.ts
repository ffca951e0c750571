import type { FileBytes } from '../../worker/engine-types';

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

async function walk(entry: FileSystemEntry, prefix: string, out: { name: string; file: File }[]): Promise<void> {
  if (entry.isFile) {
    out.push({ name: `${prefix}${entry.name}`, file: await entryFile(entry as FileSystemFileEntry) });
    return;
  }
  if (!entry.isDirectory) return;
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  // readEntries returns at most ~100 entries per call: read until it returns none.
  for (let batch = await readEntries(reader); batch.length > 0; batch = await readEntries(reader)) {
    for (const child of batch) await walk(child, `${prefix}${entry.name}/`, out);
  }
}

export async function filesFromDataTransfer(dataTransfer: DataTransfer): Promise<FileBytes[]> {
  const found: { name: string; file: File }[] = [];
  const entries = Array.from(dataTransfer.items ?? [])
    .filter((item) => item.kind === 'file')
    .map((item) => item.webkitGetAsEntry?.() ?? null);
  if (entries.length > 0 && entries.every((e) => e !== null)) {
    for (const entry of entries) await walk(entry!, '', found);
  } else {
    for (const file of Array.from(dataTransfer.files)) found.push({ name: file.webkitRelativePath || file.name, file });
  }
  return Promise.all(found.map(async ({ name, file }) => ({ name, bytes: await file.arrayBuffer() })));
}

export async function filesFromList(list: FileList): Promise<FileBytes[]> {
  return Promise.all(
    Array.from(list).map(async (file) => ({ name: file.webkitRelativePath || file.name, bytes: await file.arrayBuffer() })),
  );
}
