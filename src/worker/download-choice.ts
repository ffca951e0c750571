/**
 * Which format a page run downloads, and what its export will weigh before the run. A page
 * run asks for a smaller file: stock (plain tfjs loads it) unless only the packed format is
 * smaller than the user's input (issue 23); the choice and the warning travel with the outcome.
 */
import { estimateRunExport } from '../core/footprint/pipeline-estimate';
import { buildDownload } from '../core/report/download';
import type { LabResult } from '../core/report/report-types';
import { chooseDownloadFormat, estimateSizes } from '../core/report/run-estimate';
import { largerWarning, type ExportSizes } from '../core/report/size-vs-input';
import { FLOAT_BITS } from '../core/quant/quant-plan';
import { requireModel } from './engine-session';
import type { DownloadChoice, ExportEstimateInfo } from '../protocol/download-choice-types';
import type { PipelineSettings } from '../protocol/engine-types';

function reportSizes(lab: LabResult): ExportSizes | null {
  const b = lab.report.bytes;
  if (!b.input) return null;
  return {
    stockBytes: b.stock.fileBytes,
    packedBytes: b.packed.fileBytes,
    inputBytes: b.input.fileBytes,
    weightBits: lab.quant.weightBits,
  };
}

/** The run's download files in the smaller format (`stockFiles` when stock), and why. */
export function runDownload(
  lab: LabResult,
  stockFiles: Record<string, Uint8Array>,
): {
  files: Record<string, Uint8Array>;
  choice: DownloadChoice;
} {
  const sizes = reportSizes(lab);
  const format = chooseDownloadFormat('smaller', sizes);
  const files = format === 'stock' ? stockFiles : buildDownload(lab, { format }).files;
  const b = lab.report.bytes;
  return {
    files,
    choice: {
      format,
      stockBytes: b.stock.fileBytes,
      packedBytes: b.packed.fileBytes,
      inputBytes: b.input?.fileBytes ?? null,
      warning: sizes ? largerWarning(sizes) : null,
    },
  };
}

/** Before Run: the export at these settings against the input; null when the input is unknown. */
export function exportEstimate(settings: PipelineSettings): ExportEstimateInfo | null {
  const { spec, input } = requireModel();
  if (!input) return null;
  const weightBits = settings.wbits < FLOAT_BITS ? settings.wbits : FLOAT_BITS;
  const est = estimateRunExport(
    spec,
    { sparsity: settings.sparsity, overrides: settings.overrides, weightBits },
    input.modelJsonBytes,
  );
  const sizes = estimateSizes(est, input, weightBits);
  return {
    stockBytes: est.stockBytes,
    packedBytes: est.packedBytes,
    inputBytes: input.fileBytes,
    storedDtype: input.storedDtype,
    format: chooseDownloadFormat('smaller', sizes),
    warning: largerWarning(sizes),
  };
}
