import * as tf from '@tensorflow/tfjs';
import type { DataSource } from '../data/source';
import type { InputSizes } from '../footprint/input-bytes';
import type { ModelSpec } from '../model/spec';
import { FLOAT_BITS, type QuantConfig } from '../quant/quant-plan';
import { buildLabResult } from '../report/build-report';
import type { LabResult } from '../report/report-types';
import type { CompressResult } from './compress';
import { criterionInfo, type CriterionId } from '../prune/criteria/catalog';
import { compressQuantConfig } from './compress-config';
import { quantSettings, stageMetric, stageMetrics } from './quantize-model';

const FLOAT: QuantConfig = {
  weightBits: FLOAT_BITS,
  activationBits: FLOAT_BITS,
  perChannel: true,
  pow2: false,
};

/** Which criterion ranked the channels (the method's own, else the importance setting). */
function importanceNote(id: CriterionId): string {
  const info = criterionInfo(id);
  return `Importance criterion "${id}" (${info.label}): ${info.description}`;
}

/** The full report (dense → pruned → quantized, footprint, file bytes) of a compress run. */
export async function compressLabResult(
  denseSpec: ModelSpec,
  result: CompressResult,
  source: DataSource,
  input?: InputSizes,
  signal?: AbortSignal,
): Promise<LabResult> {
  const { report, quantization } = result;
  const quant = compressQuantConfig(report.config) ?? FLOAT;
  const dense = stageMetric('dense', report.before, 'the original float model');
  const rest = quantization
    ? stageMetrics(quantization, 'pruned')
    : [stageMetric('pruned', report.after, 'the pruned float model')];
  return buildLabResult({
    kind: 'compress',
    denseSpec,
    finalSpec: quantization?.spec ?? result.spec,
    quant: quantSettings(quant, quantization),
    compressConfig: report.config,
    groups: report.groups,
    metrics: [dense, ...rest],
    activationRanges: quantization?.activationRanges ?? {},
    source,
    evalLimit: report.config.evalLimit,
    signal,
    backend: tf.getBackend(),
    input,
    notes: [
      importanceNote(report.importance),
      `Surgery check: the pruned model's outputs differ from the masked model's by at most ${report.surgeryCheck.maxAbsOutputDiff.toExponential(2)} over ${report.surgeryCheck.n} examples.`,
    ],
    timings: { totalMs: report.timings.totalMs, perPhase: report.timings.perPhase },
  });
}
