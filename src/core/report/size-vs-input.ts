/**
 * Sizes against the input: every ratio the lab prints is first "your file → this file", so an
 * export that is larger than what the user gave is called larger, with both numbers. The
 * float32 figure (params × 4) stays a secondary, labelled comparison (docs/quantization.md).
 */
import type { InputSizes } from '../footprint/input-bytes';

export type ExportFormat = 'stock' | 'packed';

/** Decimal units, as file managers show them: 2,737,389 bytes → "2.74 MB". */
export function sizeLabel(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1e6) return `${(bytes / 1e3).toFixed(1)} kB`;
  return `${(bytes / 1e6).toFixed(2)} MB`;
}

/** Input bytes ÷ output bytes: above 1 the output is smaller. */
export function ratioVsInput(fileBytes: number, inputBytes: number): number {
  return inputBytes / fileBytes;
}

/** "1.96× smaller than your 2.74 MB" or "larger than your input: 3.01 MB vs your 2.74 MB". */
export function vsInputPhrase(fileBytes: number, inputBytes: number): string {
  if (fileBytes < inputBytes)
    return `${ratioVsInput(fileBytes, inputBytes).toFixed(2)}× smaller than your ${sizeLabel(inputBytes)}`;
  if (fileBytes === inputBytes) return `the same size as your ${sizeLabel(inputBytes)}`;
  return `larger than your input: ${sizeLabel(fileBytes)} vs your ${sizeLabel(inputBytes)}`;
}

export interface ExportSizes {
  stockBytes: number;
  packedBytes: number;
  inputBytes: number;
  weightBits: number;
}

/** Said before and after a run when the stock export would not be smaller than the input; else null. */
export function largerWarning(s: ExportSizes): string | null {
  if (s.stockBytes < s.inputBytes) return null;
  const stock =
    s.weightBits < 8
      ? `The stock format stores ${s.weightBits}-bit codes in whole bytes: ${sizeLabel(s.stockBytes)} vs your ${sizeLabel(s.inputBytes)}`
      : `The stock export is not smaller than your input: ${sizeLabel(s.stockBytes)} vs your ${sizeLabel(s.inputBytes)}`;
  const packed =
    s.packedBytes < s.inputBytes
      ? `the packed format is ${sizeLabel(s.packedBytes)} but needs the lab to load`
      : `the packed format (${sizeLabel(s.packedBytes)}) is not smaller either: your file already stores its weights at this precision or below`;
  return `${stock}; ${packed}.`;
}

/**
 * The format to write when the user asked for a smaller file: stock (plain tfjs loads it)
 * when it is smaller than the input, else packed when that is, else stock.
 */
export function smallerFormat(s: ExportSizes): ExportFormat {
  if (s.stockBytes < s.inputBytes) return 'stock';
  return s.packedBytes < s.inputBytes ? 'packed' : 'stock';
}

/** One line per format for the CLI and report.md: the input comparison first, float32 second. */
export function sizeLines(
  files: Record<ExportFormat, { fileBytes: number; gzipBytes: number }>,
  input: InputSizes | null,
  float32Bytes: number,
): string[] {
  const lines: string[] = [];
  if (input)
    lines.push(
      `your input: ${sizeLabel(input.fileBytes)} (${input.fileBytes} B, gzip ${input.gzipBytes} B), weights stored as ${input.storedDtype}`,
    );
  for (const format of ['stock', 'packed'] as const) {
    const { fileBytes, gzipBytes } = files[format];
    const vs = input
      ? `${vsInputPhrase(fileBytes, input.fileBytes)}; gzip ${gzipBytes} B vs your ${input.gzipBytes} B`
      : `gzip ${gzipBytes} B; input size unknown`;
    lines.push(`${format}: ${sizeLabel(fileBytes)} (${fileBytes} B), ${vs}`);
  }
  const times = (format: ExportFormat) => (float32Bytes / files[format].fileBytes).toFixed(2);
  lines.push(
    `(secondary) vs float32: stock ${times('stock')}×, packed ${times('packed')}× smaller than a float32 copy of the weights (${sizeLabel(float32Bytes)})`,
  );
  return lines;
}
