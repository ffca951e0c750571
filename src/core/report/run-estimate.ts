/**
 * Before a run: what its export would weigh against the user's file, and which format to
 * write. Used by the page (before and after Run) and by the CLI (one line before it starts).
 */
import type { ExportEstimate } from '../footprint/export-estimate';
import type { InputSizes } from '../footprint/input-bytes';
import {
  largerWarning,
  sizeLabel,
  smallerFormat,
  vsInputPhrase,
  type ExportFormat,
  type ExportSizes,
} from './size-vs-input';

/** 'smaller': the user asked for a smaller file; else the format they named. */
export type FormatRequest = 'smaller' | ExportFormat;

/** The format to write: the one named, or for 'smaller' stock unless only packed beats the input. */
export function chooseDownloadFormat(
  asked: FormatRequest,
  sizes: ExportSizes | null,
): ExportFormat {
  if (asked !== 'smaller') return asked;
  return sizes ? smallerFormat(sizes) : 'stock';
}

export function estimateSizes(
  est: ExportEstimate,
  input: Pick<InputSizes, 'fileBytes'>,
  weightBits: number,
): ExportSizes {
  return {
    stockBytes: est.stockBytes,
    packedBytes: est.packedBytes,
    inputBytes: input.fileBytes,
    weightBits,
  };
}

/** "size estimate: your input 2.74 MB (uint8); stock ≈ 3.01 MB, larger than …; packed ≈ …". */
export function estimateLine(est: ExportEstimate, input: InputSizes): string {
  const of = (bytes: number) => `≈ ${sizeLabel(bytes)}, ${vsInputPhrase(bytes, input.fileBytes)}`;
  return `size estimate: your input ${sizeLabel(input.fileBytes)} (${input.storedDtype}); stock ${of(est.stockBytes)}; packed ${of(est.packedBytes)}`;
}

/** The estimate line, then the warning when the stock file would not be smaller. */
export function estimateLines(
  est: ExportEstimate,
  input: InputSizes,
  weightBits: number,
): string[] {
  const warning = largerWarning(estimateSizes(est, input, weightBits));
  return [estimateLine(est, input), ...(warning ? [`warning: ${warning}`] : [])];
}
