/**
 * Quantize a model without pruning it: PTQ (calibration batches, no training) or, with
 * qatSteps > 0, QAT. Without data only weights can be quantized (PTQ of weights needs no
 * statistics); activation quantization needs calibration data.
 */
import * as tf from '@tensorflow/tfjs';
import type { DataSource } from '../data/source';
import type { InputSizes } from '../footprint/input-bytes';
import { checkClassesMatch } from './task-check';
import { LabError } from '../errors';
import type { ModelSpec } from '../model/spec';
import { FLOAT_BITS, validateQuantConfig, type QuantConfig } from '../quant/quant-plan';
import { buildLabResult } from '../report/build-report';
import type { LabResult, QuantSettings, StageMetric } from '../report/report-types';
import type { ProgressEvent } from '../train/progress';
import type { ModelSnapshot } from './compress-evaluation';
import { runQuantizeStage, type QuantizeStageResult } from './quantize-stage';

export interface QuantizeModelRequest {
  spec: ModelSpec;
  quant: QuantConfig;
  /** Needed for activation quantization and for metrics; absent: weights only, no metrics. */
  source?: DataSource;
  qatSteps?: number;
  calibrationBatches?: number;
  learningRate?: number;
  batchSize?: number;
  evalLimit?: number;
  signal?: AbortSignal;
  /** The files the user supplied, so sizes are compared with them (input-bytes.ts). */
  input?: InputSizes;
  onProgress?: (e: ProgressEvent) => void;
}

export const DATA_FREE_NOTE =
  'Data-free: weights only were quantized (per the settings above) from the weights alone; activations stay float32, and no metric was measured because no data was given.';

export function stageMetric(
  stage: StageMetric['stage'],
  s: ModelSnapshot,
  what: string,
): StageMetric {
  return { stage, metric: s.metric, value: s.value, n: s.n, what };
}

export function stageMetrics(
  stage: QuantizeStageResult,
  floatStage: 'dense' | 'pruned',
): StageMetric[] {
  const m = stage.metrics;
  return [
    stageMetric(
      floatStage,
      m.before,
      floatStage === 'dense' ? 'the original float model' : 'the pruned float model',
    ),
    stageMetric(
      'quantized',
      m.quantized,
      'the lab model with weights AND activations fake-quantized',
    ),
    stageMetric('weight-quantized', m.weightOnly, 'the lab model with weights fake-quantized only'),
  ];
}

export function quantSettings(quant: QuantConfig, stage?: QuantizeStageResult): QuantSettings {
  const none = quant.weightBits === FLOAT_BITS && quant.activationBits === FLOAT_BITS;
  return {
    ...quant,
    mode: stage ? stage.mode : none ? 'none' : 'ptq',
    qatSteps: stage?.steps.qat ?? 0,
    weightDelaySteps: stage?.steps.weightDelay ?? 0,
    activationDelaySteps: stage?.steps.activationDelay ?? 0,
    calibrationBatches: stage?.steps.calibrationBatches ?? 0,
  };
}

export async function quantizeModel(request: QuantizeModelRequest): Promise<LabResult> {
  const { spec, quant, source } = request;
  validateQuantConfig(quant);
  const started = performance.now();
  if (!source && quant.activationBits !== FLOAT_BITS) {
    throw new LabError(
      'INVALID_ARGUMENT',
      `Activation quantization of model "${spec.name}" needs calibration data; give data or keep activations float.`,
    );
  }
  if (source) checkClassesMatch(spec, source);
  const stage = source
    ? await runQuantizeStage({
        spec,
        source,
        quant,
        qatSteps: request.qatSteps ?? 0,
        calibrationBatches: request.calibrationBatches,
        learningRate: request.learningRate,
        batchSize: request.batchSize,
        evalLimit: request.evalLimit,
        signal: request.signal,
        onProgress: request.onProgress,
      })
    : undefined;
  return buildLabResult({
    kind: 'quantize',
    denseSpec: spec,
    finalSpec: stage?.spec ?? spec,
    quant: quantSettings(quant, stage),
    compressConfig: null,
    metrics: stage ? stageMetrics(stage, 'dense') : [],
    activationRanges: stage?.activationRanges ?? {},
    source,
    evalLimit: request.evalLimit,
    backend: tf.getBackend(),
    input: request.input,
    notes: source ? [] : [DATA_FREE_NOTE],
    timings: { totalMs: performance.now() - started, perPhase: stage?.timings ?? {} },
  });
}
