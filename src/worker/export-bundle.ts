import { zipDownloadFiles } from '../core/report/download';
import type { CompressedModel } from './engine-session';
import type { ExportBundle, FileBytes } from './engine-types';

function toBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.slice().buffer;
}

/**
 * The last run's download: `c.files` are core's buildDownload files (stock model files +
 * report.json + report.md, the same as the CLI writes), zipped by core. Every buffer is a
 * fresh copy, safe to transfer.
 */
export function buildExportBundle(c: CompressedModel): ExportBundle {
  const files: FileBytes[] = Object.entries(c.files).map(([name, bytes]) => ({
    name,
    bytes: toBuffer(bytes),
  }));
  return {
    files,
    zip: { name: `pruned-${c.runId}.zip`, bytes: toBuffer(zipDownloadFiles(c.files)) },
  };
}

export function bundleTransfer(bundle: ExportBundle): Transferable[] {
  return [...bundle.files.map((f) => f.bytes), bundle.zip.bytes];
}
