/**
 * Assembles the run report (report-types.ts) from what the pipeline measured, adding what only
 * the final artifact can tell: both export formats' file and gzip bytes, and the metric of the
 * stock export as plain tfjs loads it (weights quantized only — activation quantization cannot
 * be expressed in a stock model).
 */
import type * as tf from '@tensorflow/tfjs';
import { topOneAgreement } from '../data/agreement';
import { evaluateOnSource } from '../data/evaluate';
import { evalBatchSize } from '../limits/memory-plan';
import type { DataSource } from '../data/source';
import { exportPacked } from '../export/export-packed';
import { exportStock } from '../export/export-stock';
import { runtimeBytes } from '../footprint/artifact-bytes';
import type { InputSizes } from '../footprint/input-bytes';
import { computeFootprint, performanceDensity, type Footprint } from '../footprint/footprint';
import { buildChannelGraph } from '../graph/channel-graph';
import { countParams, type ModelSpec } from '../model/spec';
import { buildLayersModel } from '../model/tf-bridge';
import type { CompressConfig } from '../pipeline/compress-config';
import { FLOAT_BITS, quantTargets } from '../quant/quant-plan';
import type { ActivationRange } from '../quant/quantize-math';
import {
  REPORT_FORMAT,
  type FootprintSummary,
  type LabReport,
  type LabResult,
  type LayerRow,
  type QuantSettings,
  type StageMetric,
} from './report-types';
import { largerWarning, ratioVsInput } from './size-vs-input';
import { loadStockModel } from './stock-model';

export interface KeptChannels {
  id: string;
  total: number;
  kept: number;
  keptChannels: number[];
}

export interface ReportInput {
  kind: 'compress' | 'quantize';
  denseSpec: ModelSpec;
  /** Final float (shadow) weights; the model is these quantized per `quant`. */
  finalSpec: ModelSpec;
  quant: QuantSettings;
  compressConfig: CompressConfig | null;
  /** Kept channels per pruned group (absent: nothing pruned). */
  groups?: KeptChannels[];
  /** The stages measured so far (dense, pruned, quantized, weight-quantized). */
  metrics: StageMetric[];
  activationRanges: Record<string, ActivationRange>;
  /** Labelled data to score the stock export on (absent or unlabelled: not scored). */
  source?: DataSource;
  evalLimit?: number;
  /** A cancel during the stock export's evaluation lands within one batch. */
  signal?: AbortSignal;
  backend: string;
  /** The files the user supplied (absent: a model built in memory; ratios are then float32 only). */
  input?: InputSizes;
  notes?: string[];
  timings: { totalMs: number; perPhase: Record<string, number> };
}

function summary(fp: Footprint): FootprintSummary {
  const { weightBits, activationBits, footprintBits } = fp.totals;
  return { weightBits, activationBits, footprintBits };
}

function layerRows(input: ReportInput, dense: Footprint, final: Footprint): LayerRow[] {
  const { denseSpec, finalSpec, quant } = input;
  const graph = buildChannelGraph(denseSpec);
  const kernels = new Set(quantTargets(finalSpec, quant).map((t) => t.layerName));
  const paramsOf = (fp: Footprint, name: string) =>
    fp.layers.find((l) => l.name === name)?.params ?? 0;
  return graph.units.map((unit) => {
    const group = input.groups?.find((g) => g.id === unit.groupId);
    return {
      id: unit.id,
      channelsTotal: unit.channels,
      channelsKept: group ? group.kept : unit.channels,
      weightBits: kernels.has(unit.producer) ? quant.weightBits : FLOAT_BITS,
      activationBits: quant.activationBits,
      paramsBefore: paramsOf(dense, unit.producer),
      paramsAfter: paramsOf(final, unit.producer),
    };
  });
}

const STOCK_WHAT =
  'the stock model.json + weights.bin loaded by plain tf.loadLayersModel (weights quantized, activations float)';

/** Unlabelled data: nothing to score against but the original, so top-1 agreement with it. */
async function agreementWithDense(
  predict: (x: tf.Tensor) => tf.Tensor,
  source: DataSource,
  input: ReportInput,
): Promise<StageMetric> {
  const original = await buildLayersModel(input.denseSpec);
  try {
    const r = await topOneAgreement(predict, (x) => original.predict(x) as tf.Tensor, source, {
      limit: input.evalLimit,
      batchSize: evalBatchSize(input.denseSpec),
      signal: input.signal,
    });
    const what = `${STOCK_WHAT}, top-1 agreement with the original model on held-back images`;
    return { stage: 'stock-export', metric: 'agreement', value: r.value, n: r.n, what };
  } finally {
    original.dispose();
  }
}

async function stockMetric(
  files: Record<string, Uint8Array>,
  input: ReportInput,
): Promise<{ stage: StageMetric; perClassAccuracy?: number[] } | undefined> {
  const source = input.source;
  if (!source) return undefined;
  const model = await loadStockModel(files);
  const predict = (x: tf.Tensor) => model.predict(x) as tf.Tensor;
  try {
    if (source.task === 'unlabelled')
      return { stage: await agreementWithDense(predict, source, input) };
    const split = source.size('test') > 0 ? 'test' : 'train';
    const r = await evaluateOnSource(predict, source, split, {
      limit: input.evalLimit,
      batchSize: evalBatchSize(input.denseSpec),
      signal: input.signal,
    });
    const stage: StageMetric = {
      stage: 'stock-export',
      metric: r.metric,
      value: r.value,
      n: r.n,
      what: STOCK_WHAT,
    };
    return { stage, ...(r.perClassAccuracy && { perClassAccuracy: r.perClassAccuracy }) };
  } finally {
    model.dispose();
  }
}

function standardNotes(quant: QuantSettings): string[] {
  const notes = [
    'Runtime bytes: tfjs dequantizes every weight to float32 when it loads a model, so a quantized file does not make a smaller model in memory.',
  ];
  if (quant.activationBits !== FLOAT_BITS) {
    notes.push(
      'Activation quantization cannot be expressed in a stock TensorFlow.js model: the stock export quantizes weights only, and its metric is that of the weight-quantized model. The "quantized" metric (weights and activations fake-quantized) is what the lab claims; reproducing it needs activation fake-quantization at the listed layers with the listed ranges.',
    );
  }
  if (quant.weightBits < 8) {
    notes.push(
      `The stock format stores each ${quant.weightBits}-bit code in a whole uint8, so its file is no smaller than at 8 bits (gzip is); the packed format stores ${quant.weightBits} bits per weight but needs the lab to load.`,
    );
  }
  if (quant.weightBits !== FLOAT_BITS && quant.perChannel) {
    notes.push(
      'Per-channel scales: the stock export stores integer codes and inserts a 1×1 DepthwiseConv2D "<layer>_qscale" after each convolution to apply them (tfjs has one scale per tensor).',
    );
  }
  if (quant.mode === 'qat') {
    notes.push(
      'QAT ran after physical pruning, on the smaller model (the pruned channels no longer exist, so the masks are frozen by construction).',
    );
  }
  return notes;
}

function sizeNotes(
  input: InputSizes | undefined,
  stockBytes: number,
  packedBytes: number,
  quant: QuantSettings,
): string[] {
  if (!input) return [];
  const warning = largerWarning({
    stockBytes,
    packedBytes,
    inputBytes: input.fileBytes,
    weightBits: quant.weightBits,
  });
  return warning ? [warning] : [];
}

export async function buildLabResult(input: ReportInput): Promise<LabResult> {
  const { denseSpec, finalSpec, quant } = input;
  const dense = computeFootprint(denseSpec, { weightBits: FLOAT_BITS, activationBits: FLOAT_BITS });
  const final = computeFootprint(finalSpec, quant);
  const stock = exportStock(finalSpec, quant);
  const packed = exportPacked(finalSpec, quant);
  const stockScore = await stockMetric(stock.files, input);
  const metrics = [...input.metrics, ...(stockScore ? [stockScore.stage] : [])];
  // The lab's claim is the fully quantized model (else the last float stage).
  const finalMetric =
    metrics.find((m) => m.stage === 'quantized') ?? metrics.find((m) => m.stage === 'pruned');
  const denseMetric = metrics.find((m) => m.stage === 'dense');
  const density = (m: StageMetric | undefined, bits: number) =>
    m ? performanceDensity(m.value, bits) : null;
  const report: LabReport = {
    format: REPORT_FORMAT,
    version: 1,
    kind: input.kind,
    model: denseSpec.name,
    backend: input.backend,
    config: { compress: input.compressConfig, quant },
    layers: layerRows(input, dense, final),
    groups: (input.groups ?? []).map(({ id, total, kept, keptChannels }) => ({
      id,
      total,
      kept,
      keptChannels,
    })),
    params: { before: countParams(denseSpec), after: countParams(finalSpec) },
    bytes: {
      input: input.input ?? null,
      vsInput: input.input
        ? {
            stock: ratioVsInput(stock.sizes.fileBytes, input.input.fileBytes),
            packed: ratioVsInput(packed.sizes.fileBytes, input.input.fileBytes),
          }
        : null,
      denseFloat32: countParams(denseSpec) * 4,
      stock: { fileBytes: stock.sizes.fileBytes, gzipBytes: stock.sizes.gzipBytes },
      packed: { fileBytes: packed.sizes.fileBytes, gzipBytes: packed.sizes.gzipBytes },
      runtime: runtimeBytes(finalSpec),
    },
    metrics,
    footprint: {
      dense: summary(dense),
      final: summary(final),
      compressionRatio: dense.totals.footprintBits / final.totals.footprintBits,
    },
    performanceDensity: {
      dense: density(denseMetric, dense.totals.footprintBits),
      final: density(finalMetric ?? denseMetric, final.totals.footprintBits),
    },
    activationRanges: input.activationRanges,
    notes: [
      ...sizeNotes(input.input, stock.sizes.fileBytes, packed.sizes.fileBytes, quant),
      ...standardNotes(quant),
      ...(input.denseSpec.meta.warnings ?? []).map((w) => `Warning: ${w}`),
      ...(input.denseSpec.meta.notes ?? []),
      ...(input.notes ?? []),
    ],
    timings: input.timings,
  };
  const perClass = stockScore?.perClassAccuracy;
  return {
    spec: finalSpec,
    quant: { ...quantConfigOf(quant) },
    report,
    stockFiles: stock.files,
    ...(perClass && { stockPerClassAccuracy: perClass }),
  };
}

function quantConfigOf(q: QuantSettings) {
  return {
    weightBits: q.weightBits,
    activationBits: q.activationBits,
    perChannel: q.perChannel,
    pow2: q.pow2,
  };
}
