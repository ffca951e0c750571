import type { ModelSpec } from '../../model/spec';
import { FLOAT_BITS, quantizeSpecWeights } from '../../quant/quant-plan';
import type { LabResult } from '../../report/report-types';
import { writeKerasFile } from './write-keras';

/**
 * The `.keras` download of a run: the result's weights as float32 holding the fake-quantized
 * values q·s (what the lab evaluated), so Keras 3 computes the weight-quantized model.
 * Activation quantization has no Keras 3 layer and is not in the file (as in the stock export).
 */
export const KERAS_FILE = 'model.keras';

export function cameFromKeras(spec: ModelSpec): boolean {
  return spec.meta.sourceFormat === 'keras' || spec.meta.sourceFormat === 'keras-h5';
}

export async function kerasExportFiles(
  lab: Pick<LabResult, 'spec' | 'quant'>,
): Promise<Record<string, Uint8Array>> {
  const spec =
    lab.quant.weightBits >= FLOAT_BITS ? lab.spec : quantizeSpecWeights(lab.spec, lab.quant).spec;
  return { [KERAS_FILE]: await writeKerasFile(spec) };
}
