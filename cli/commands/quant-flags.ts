import { LabError } from '../../src/core/errors';
import { FLOAT_BITS, type QuantConfig } from '../../src/core/quant/quant-plan';
import { buildDownload, type DownloadFormat } from '../../src/core/report/download';
import type { LabResult } from '../../src/core/report/report-types';
import { writeOutputDir } from '../output-dir';
import type { ParsedArgs } from '../command';
import { numberOption, stringOption } from './compress';

/** --wbits B --abits B [--per-channel | --per-tensor] [--pow2] → QuantConfig (absent bits: 32). */
export function quantConfigFromArgs(args: ParsedArgs): QuantConfig {
  if (args.options['per-channel'] === true && args.options['per-tensor'] === true) {
    throw new LabError('INVALID_ARGUMENT', 'Give either --per-channel or --per-tensor, not both.');
  }
  return {
    weightBits: numberOption(args, 'wbits') ?? FLOAT_BITS,
    activationBits: numberOption(args, 'abits') ?? FLOAT_BITS,
    perChannel: args.options['per-tensor'] !== true,
    pow2: args.options.pow2 === true,
  };
}

export function formatFromArgs(args: ParsedArgs): DownloadFormat {
  const format = stringOption(args, 'format') ?? 'stock';
  if (format !== 'stock' && format !== 'packed') {
    throw new LabError('INVALID_ARGUMENT', `Unknown --format "${format}": choose stock or packed.`);
  }
  return format;
}

export const ZIP_NAME = 'model.zip';

/** Writes the model files, report.json, report.md and model.zip (the same files zipped). */
export function writeDownload(out: string, lab: LabResult, format: DownloadFormat): string[] {
  const { files, zip } = buildDownload(lab, { format });
  writeOutputDir(out, { ...files, [ZIP_NAME]: zip });
  return [...Object.keys(files), ZIP_NAME];
}

/** One line per stage metric, and the footprint, for the human-readable CLI output. */
export function labSummaryLines(lab: LabResult): string[] {
  const r = lab.report;
  const fp = r.footprint;
  return [
    ...r.metrics.map((m) => `  ${m.stage.padEnd(17)} ${m.metric} ${m.value.toFixed(4)} (n ${m.n})`),
    `footprint ${(fp.dense.footprintBits / 8192).toFixed(1)} KiB → ${(fp.final.footprintBits / 8192).toFixed(1)} KiB (${fp.compressionRatio.toFixed(1)}× smaller)`,
    `files: stock ${r.bytes.stock.fileBytes} B (gzip ${r.bytes.stock.gzipBytes}), packed ${r.bytes.packed.fileBytes} B (gzip ${r.bytes.packed.gzipBytes}); runtime ${r.bytes.runtime} B`,
  ];
}
