import { zipSync } from 'fflate';
import type { CompressedModel } from './engine-session';
import type { ExportBundle, FileBytes } from './engine-types';

/** report.md: the numbers a person reads first, then the settings that reproduce them. */
export function reportMarkdown(c: CompressedModel): string {
  const row = (label: string, before: number | string | null, after: number | string | null) =>
    `| ${label} | ${before ?? '—'} | ${after ?? '—'} |`;
  const metricLabel = c.before.metric === 'accuracy' ? 'accuracy' : 'PSNR (dB)';
  return [
    `# Pruning Lab report — run ${c.runId}`,
    '',
    '| | before | after |',
    '| --- | --- | --- |',
    row(metricLabel, c.before.value.toFixed(4), c.after.value.toFixed(4)),
    row('examples scored', c.before.evaluated, c.after.evaluated),
    row('parameters', c.before.params, c.after.params),
    row('file bytes', c.before.fileBytes, c.after.fileBytes),
    row('gzip bytes', c.before.gzipBytes, c.after.gzipBytes),
    row('footprint bits', c.before.footprintBits, c.after.footprintBits),
    '',
    'The "after" metric is measured on the exported files loaded with stock tf.loadLayersModel.',
    'Runtime memory differs from file bytes: tfjs dequantizes weights to float32 on load.',
    '',
    '## Settings',
    '',
    '```json',
    JSON.stringify(c.settings, null, 2),
    '```',
    '',
  ].join('\n');
}

function toBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.slice().buffer;
}

/** Separate files plus one zip of them all; every buffer is a fresh copy, safe to transfer. */
export function buildExportBundle(c: CompressedModel): ExportBundle {
  const encoder = new TextEncoder();
  const all: Record<string, Uint8Array> = {
    ...c.files,
    'report.json': encoder.encode(JSON.stringify({ runId: c.runId, settings: c.settings, before: c.before, after: c.after, report: c.report }, null, 2)),
    'report.md': encoder.encode(reportMarkdown(c)),
  };
  const files: FileBytes[] = Object.entries(all).map(([name, bytes]) => ({ name, bytes: toBuffer(bytes) }));
  const zip: FileBytes = { name: `pruned-${c.runId}.zip`, bytes: toBuffer(zipSync(all, { level: 6 })) };
  return { files, zip };
}

export function bundleTransfer(bundle: ExportBundle): Transferable[] {
  return [...bundle.files.map((f) => f.bytes), bundle.zip.bytes];
}
