import { zipDownloadFiles } from '../core/report/download';
import type { CompressedModel } from './engine-session';
import type { ExportBundle, FileBytes } from '../protocol/engine-types';

function toBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.slice().buffer;
}

/**
 * The last run's download: `c.files` are core's buildDownload files (stock model files +
 * report.json + report.md, the same as the CLI writes), zipped by core. Every buffer is a
 * fresh copy, safe to transfer.
 */
/** One zip per run: a second export of the same run re-sends it instead of zipping again. */
const zips = new WeakMap<CompressedModel, Uint8Array>();

function zipOf(c: CompressedModel): Uint8Array {
  let zip = zips.get(c);
  if (!zip) zips.set(c, (zip = zipDownloadFiles(c.files)));
  return zip;
}

export function buildExportBundle(c: CompressedModel): ExportBundle {
  const files: FileBytes[] = Object.entries(c.files).map(([name, bytes]) => ({
    name,
    bytes: toBuffer(bytes),
  }));
  return {
    files,
    zip: { name: `pruned-${c.runId}.zip`, bytes: toBuffer(zipOf(c)) },
  };
}

export function bundleTransfer(bundle: ExportBundle): Transferable[] {
  return [...bundle.files.map((f) => f.bytes), bundle.zip.bytes];
}
