import { quantizeModel } from '../core/pipeline/quantize-model';
import {
  buildDownload,
  REPORT_JSON,
  REPORT_MD,
  type DownloadFormat,
} from '../core/report/download';
import type { LabResult } from '../core/report/report-types';
import {
  largerWarning,
  smallerFormat,
  vsInputPhrase,
  type ExportSizes,
} from '../core/report/size-vs-input';
import { LabError } from '../core/errors';
import { artifactBytes } from '../core/footprint/artifact-bytes';
import { requireModel } from './engine-session';
import type { FileBytes } from '../protocol/engine-types';
import type { WeightQuantOutcome, WeightQuantParams } from '../protocol/weight-quant-types';

function checkWeights(weights: number | 'float16'): void {
  if (weights === 'float16') return;
  if (!Number.isInteger(weights) || weights < 2 || weights > 8)
    throw new LabError(
      'INVALID_ARGUMENT',
      `Data-free quantization takes 2 to 8 bits per weight or float16; got ${String(weights)}.`,
    );
}

function pickFormat(p: WeightQuantParams, sizes: ExportSizes | null): DownloadFormat {
  if (p.weights === 'float16') return 'float16';
  if (p.format !== 'smaller') return p.format;
  return sizes ? smallerFormat(sizes) : 'stock';
}

function toFileBytes(name: string, bytes: Uint8Array): FileBytes {
  return { name, bytes: bytes.slice().buffer };
}

function exportSizes(lab: LabResult): ExportSizes | null {
  const b = lab.report.bytes;
  if (!b.input) return null;
  return {
    stockBytes: b.stock.fileBytes,
    packedBytes: b.packed.fileBytes,
    inputBytes: b.input.fileBytes,
    weightBits: lab.quant.weightBits,
  };
}

/**
 * Weight-only PTQ of the loaded model with no data (per-channel codes, activations float), or
 * float16 storage; the download is built by core as the CLI builds it, in the smaller format
 * unless the page asked for one.
 */
export async function quantizeWeightsDataFree(p: WeightQuantParams): Promise<WeightQuantOutcome> {
  checkWeights(p.weights);
  const model = requireModel();
  const weightBits = p.weights === 'float16' ? 16 : p.weights;
  const quant = { weightBits, activationBits: 32, perChannel: true, pow2: false };
  const lab = await quantizeModel({ spec: model.spec, quant, input: model.input });
  const sizes = exportSizes(lab);
  const format = pickFormat(p, sizes);
  const { files, zip } = buildDownload(lab, { format });
  const modelFiles = Object.fromEntries(
    Object.entries(files).filter(([name]) => name !== REPORT_JSON && name !== REPORT_MD),
  );
  const bytes = artifactBytes(modelFiles);
  const input = lab.report.bytes.input;
  return {
    weights: p.weights,
    format,
    chosen: p.format === 'smaller' && p.weights !== 'float16',
    fileBytes: bytes.fileBytes,
    gzipBytes: bytes.gzipBytes,
    input: input && {
      fileBytes: input.fileBytes,
      gzipBytes: input.gzipBytes,
      storedDtype: input.storedDtype,
    },
    ratioVsInput: input ? input.fileBytes / bytes.fileBytes : null,
    verdict: input ? vsInputPhrase(bytes.fileBytes, input.fileBytes) : 'input size unknown',
    float32Bytes: lab.report.bytes.denseFloat32,
    warning: sizes && format !== 'float16' ? largerWarning(sizes) : null,
    notes: lab.report.notes,
    files: Object.entries(files).map(([name, b]) => toFileBytes(name, b)),
    zip: toFileBytes(`quantized-${p.weights}.zip`, zip),
  };
}

export function weightQuantTransfer(outcome: WeightQuantOutcome): Transferable[] {
  return [...outcome.files.map((f) => f.bytes), outcome.zip.bytes];
}
