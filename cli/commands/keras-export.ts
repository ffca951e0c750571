import { writeKerasFile } from '../../src/core/formats/keras/write-keras';
import { FLOAT_BITS, quantizeSpecWeights } from '../../src/core/quant/quant-plan';
import type { LabResult } from '../../src/core/report/report-types';
import { vsInputPhrase } from '../../src/core/report/size-vs-input';
import type { ParsedArgs } from '../command';
import { stringOption } from './compress';

/**
 * `--format keras`: beside the stock TensorFlow.js files, a Keras 3 `model.keras` of the
 * result. Its weights are float32 holding the fake-quantized values q·s (what the lab
 * evaluated), so Keras 3 computes the weight-quantized model; activation quantization has no
 * Keras 3 layer and is not in the file (as in the stock export).
 */
export const KERAS_FILE = 'model.keras';

export function wantsKerasFile(args: ParsedArgs): boolean {
  return stringOption(args, 'format') === 'keras';
}

export async function kerasExportFiles(lab: LabResult): Promise<Record<string, Uint8Array>> {
  const spec =
    lab.quant.weightBits >= FLOAT_BITS ? lab.spec : quantizeSpecWeights(lab.spec, lab.quant).spec;
  return { [KERAS_FILE]: await writeKerasFile(spec) };
}

export function kerasSummaryLine(lab: LabResult, files: Record<string, Uint8Array>): string[] {
  const bytes = files[KERAS_FILE]?.length;
  if (bytes === undefined) return [];
  const input = lab.report.bytes.input?.fileBytes;
  const verdict = input === undefined ? 'input size unknown' : vsInputPhrase(bytes, input);
  return [`written: keras (${KERAS_FILE}, fake-quantized float32 weights), ${bytes} B, ${verdict}`];
}
