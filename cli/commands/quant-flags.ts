import { LabError } from '../../src/core/errors';
import { FLOAT_BITS, type QuantConfig } from '../../src/core/quant/quant-plan';
import { ONNX_FILE_NAME } from '../../src/core/formats/onnx/onnx-download';
import { buildDownload, type DownloadFormat } from '../../src/core/report/download';
import {
  largerWarning,
  sizeLabel,
  type ExportFormat,
  sizeLines,
  smallerFormat,
  vsInputPhrase,
} from '../../src/core/report/size-vs-input';
import type { LabResult } from '../../src/core/report/report-types';
import { writeOutputDir } from '../output-dir';
import type { ParsedArgs } from '../command';
import { settingsFromArgs, stringOption } from '../args';

/** --wbits B --abits B [--per-channel | --per-tensor] [--pow2] → QuantConfig (absent bits: 32). */
export function quantConfigFromArgs(args: ParsedArgs): QuantConfig {
  if (args.options['per-channel'] === true && args.options['per-tensor'] === true) {
    throw new LabError('INVALID_ARGUMENT', 'Give either --per-channel or --per-tensor, not both.');
  }
  const { wbits = FLOAT_BITS, abits = FLOAT_BITS } = settingsFromArgs(args, ['wbits', 'abits']);
  return {
    weightBits: wbits as number,
    activationBits: abits as number,
    perChannel: args.options['per-tensor'] !== true,
    pow2: args.options.pow2 === true,
  };
}

/** What the CLI writes: a tfjs format, or ONNX (QDQ when quantized, or float). */
export type CliFormat = ExportFormat | 'onnx' | 'onnx-float';
const CLI_FORMATS: readonly string[] = ['stock', 'packed', 'keras', 'onnx', 'onnx-float'];

/**
 * --format stock|packed|keras|onnx|onnx-float; absent: undefined, and smallerFormatOf picks.
 * keras: the stock files plus model.keras (keras-export.ts).
 */
export function formatFromArgs(args: ParsedArgs): CliFormat | undefined {
  const format = stringOption(args, 'format');
  if (format === undefined) return undefined;
  if (format === 'keras') return 'stock';
  if (!CLI_FORMATS.includes(format)) {
    throw new LabError(
      'INVALID_ARGUMENT',
      `Unknown --format "${format}": choose stock, packed, keras, onnx or onnx-float.`,
    );
  }
  return format as CliFormat;
}

/** Without --format the user asked for a smaller file: stock when it is smaller than the input, else packed. */
export function smallerFormatOf(lab: LabResult): CliFormat {
  if (lab.spec.meta.sourceFormat === 'onnx') return 'onnx';
  const b = lab.report.bytes;
  if (!b.input) return 'stock';
  return smallerFormat({
    stockBytes: b.stock.fileBytes,
    packedBytes: b.packed.fileBytes,
    inputBytes: b.input.fileBytes,
    weightBits: lab.quant.weightBits,
  });
}

export const ZIP_NAME = 'model.zip';

/** Writes the model files, report.json, report.md and model.zip (the same files zipped). */
export function writeDownload(
  out: string,
  lab: LabResult,
  format: DownloadFormat,
  extraFiles: Record<string, Uint8Array> = {},
): string[] {
  const { files, zip } = buildDownload(lab, { format });
  writeOutputDir(out, { ...files, ...extraFiles, [ZIP_NAME]: zip });
  return [...Object.keys(files), ...Object.keys(extraFiles), ZIP_NAME];
}

/**
 * One line per stage metric, the footprint, and the file sizes against the input (float32
 * second), ending with the written format's verdict; a larger-than-input export is said twice.
 */
export function labSummaryLines(lab: LabResult, format: CliFormat, chosen = false): string[] {
  const r = lab.report;
  const fp = r.footprint;
  const files = { stock: r.bytes.stock.fileBytes, packed: r.bytes.packed.fileBytes };
  const written =
    format === 'stock' || format === 'packed'
      ? files[format]
      : buildDownload(lab, { format }).files[ONNX_FILE_NAME].length;
  const why = format.startsWith('onnx')
    ? ' (the input format; --format picks another)'
    : ' (chosen as the smaller file; --format picks one)';
  const verdict = r.bytes.input
    ? vsInputPhrase(written, r.bytes.input.fileBytes)
    : 'input size unknown';
  const warning = r.bytes.input
    ? largerWarning({
        stockBytes: files.stock,
        packedBytes: files.packed,
        inputBytes: r.bytes.input.fileBytes,
        weightBits: lab.quant.weightBits,
      })
    : null;
  return [
    ...r.metrics.map((m) => `  ${m.stage.padEnd(17)} ${m.metric} ${m.value.toFixed(4)} (n ${m.n})`),
    `footprint ${(fp.dense.footprintBits / 8192).toFixed(1)} KiB → ${(fp.final.footprintBits / 8192).toFixed(1)} KiB (${fp.compressionRatio.toFixed(1)}× smaller)`,
    ...sizeLines(r.bytes, r.bytes.input, r.bytes.denseFloat32),
    `runtime ${r.bytes.runtime} B (tfjs holds float32 weights once loaded)`,
    ...(warning ? [`warning: ${warning}`] : []),
    `written: ${format}${chosen ? why : ''}, ${sizeLabel(written)} (${written} B), ${verdict}`,
  ];
}
