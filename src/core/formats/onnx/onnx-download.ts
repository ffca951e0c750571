import type { ModelSpec } from '../../model/spec';
import type { QuantConfig } from '../../quant/quant-plan';
import type { ActivationRange } from '../../quant/quantize-math';
import { exportOnnx } from './onnx-export';

export const ONNX_FILE_NAME = 'model.onnx';

/**
 * The download of a finished run as ONNX: QDQ with the run's own codes and activation ranges,
 * or float (`qdq: false`, or nothing was quantized).
 */
export function onnxDownloadFiles(
  result: {
    spec: ModelSpec;
    quant: QuantConfig;
    report: { activationRanges: Record<string, ActivationRange> };
  },
  qdq: boolean,
): Record<string, Uint8Array> {
  const bytes = exportOnnx(result.spec, result.quant, {
    qdq,
    activationRanges: result.report.activationRanges,
  });
  return { [ONNX_FILE_NAME]: bytes };
}
