import { zipSync } from 'fflate';
import { LabError } from '../errors';
import { exportPacked } from '../export/export-packed';
import { exportStock } from '../export/export-stock';
import { artifactBytes } from '../footprint/artifact-bytes';
import { onnxDownloadFiles } from '../formats/onnx/onnx-download';
import { reportMarkdown } from './report-markdown';
import type { LabResult } from './report-types';

/** 'float16': the stock format with every weight stored as IEEE half (export-stock.ts). */
export type DownloadFormat = 'stock' | 'packed' | 'float16' | 'onnx' | 'onnx-float';

export const REPORT_JSON = 'report.json';
export const REPORT_MD = 'report.md';

export interface Download {
  /** Model files of the chosen format plus report.json and report.md. */
  files: Record<string, Uint8Array>;
  /** The same files in one zip, built on first read (a caller that only wants files never zips). */
  readonly zip: Uint8Array;
}

/** What the worker and the CLI hand to the user: the model files, the report, and one zip of all. */
export function buildDownload(result: LabResult, opts: { format: DownloadFormat }): Download {
  // The stock export was already built (and scored) for the report: reuse it, never export twice.
  const model =
    opts.format === 'stock' && result.stockFiles
      ? { files: result.stockFiles }
      : exportFormat(result, opts.format);
  const files: Record<string, Uint8Array> = {
    ...model.files,
    [REPORT_JSON]: new TextEncoder().encode(`${JSON.stringify(result.report, null, 2)}\n`),
    [REPORT_MD]: new TextEncoder().encode(reportMarkdown(result.report)),
  };
  let zip: Uint8Array | undefined;
  return {
    files,
    get zip() {
      zip ??= zipDownloadFiles(files);
      return zip;
    },
  };
}

function exportFormat(result: LabResult, format: DownloadFormat) {
  if (format === 'stock') return exportStock(result.spec, result.quant);
  if (format === 'packed') return exportPacked(result.spec, result.quant);
  if (format === 'onnx' || format === 'onnx-float') {
    const files = onnxDownloadFiles(result, format === 'onnx');
    return { files, sizes: artifactBytes(files) };
  }
  if (format === 'float16') {
    return exportStock(result.spec, { ...result.quant, weightBits: 16 }, { float16: true });
  }
  throw new LabError(
    'UNKNOWN_NAME',
    `Unknown download format "${String(format)}": choose stock, packed, float16, onnx or onnx-float.`,
  );
}

/** The zip of a download's files (one per download: Download.zip, or the worker's export). */
export function zipDownloadFiles(files: Record<string, Uint8Array>): Uint8Array {
  return zipSync(files, { level: 6 });
}
