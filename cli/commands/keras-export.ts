import { KERAS_FILE } from '../../src/core/formats/keras/keras-export';
import type { LabResult } from '../../src/core/report/report-types';
import { vsInputPhrase } from '../../src/core/report/size-vs-input';
import type { ParsedArgs } from '../command';
import { stringOption } from '../args';

export { kerasExportFiles } from '../../src/core/formats/keras/keras-export';

/** `--format keras`: beside the stock TensorFlow.js files, a Keras 3 `model.keras` of the result. */
export function wantsKerasFile(args: ParsedArgs): boolean {
  return stringOption(args, 'format') === 'keras';
}

export function kerasSummaryLine(lab: LabResult, files: Record<string, Uint8Array>): string[] {
  const bytes = files[KERAS_FILE]?.length;
  if (bytes === undefined) return [];
  const input = lab.report.bytes.input?.fileBytes;
  const verdict = input === undefined ? 'input size unknown' : vsInputPhrase(bytes, input);
  return [`written: keras (${KERAS_FILE}, fake-quantized float32 weights), ${bytes} B, ${verdict}`];
}
