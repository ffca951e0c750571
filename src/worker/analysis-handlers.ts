/**
 * The analysis panels' worker side: the rank-shift sweep (cached, so the page's slider only
 * indexes it), τ for all consecutive unit pairs, and the per-layer details of the last run
 * (small histograms, never raw weights).
 */
import * as tf from '@tensorflow/tfjs';
import { ModelExecutor } from '../core/exec/executor';
import { computeFootprint } from '../core/footprint/footprint';
import { buildChannelGraph } from '../core/graph/channel-graph';
import type { ChannelGraph, PrunableUnit } from '../core/graph/types';
import type { ModelSpec } from '../core/model/spec';
import { batchChannelStatistic } from '../core/prune/importance';
import { quantizeSpecWeights } from '../core/quant/quant-plan';
import { calibrationBatch, rankShift, rankShiftAllPairs } from '../core/rank-shift/analysis';
import type { DataSource } from '../core/data/source';
import type {
  PairShiftRow,
  RankShiftParams,
  RankShiftSweep,
  RunAnalysis,
  UnitDetail,
} from '../protocol/analysis-types';
import { requireCompressed, requireData, requireModel, session } from './engine-session';
import { histogramOf, topKCut } from './histogram';

/** The slider's stops: 0, 0.1, …, 0.9. */
export const SWEEP_SPARSITIES = Array.from({ length: 10 }, (_, i) => i / 10);
const HISTOGRAM_BINS = 24;
const CACHE_LIMIT = 8;

const sweepCache = new Map<string, RankShiftSweep>();
let cacheOwner: unknown = null;

function cacheFor(key: string): RankShiftSweep | undefined {
  // A new model or data set invalidates every cached sweep.
  const owner = session.model?.spec ?? null;
  if (owner !== cacheOwner || !session.data) {
    sweepCache.clear();
    cacheOwner = owner;
  }
  return sweepCache.get(key);
}

export async function rankShiftSweep(params: RankShiftParams): Promise<RankShiftSweep> {
  const { spec } = requireModel();
  const data = requireData();
  const key = JSON.stringify([data.source.id, params]);
  const cached = cacheFor(key);
  if (cached) return cached;
  const started = performance.now();
  const result = await rankShift({
    spec,
    source: data.source,
    sparsities: SWEEP_SPARSITIES,
    importance: 'l1',
    ...params,
  });
  const sweep: RankShiftSweep = { ...result, elapsedMs: Math.round(performance.now() - started) };
  if (sweepCache.size >= CACHE_LIMIT) sweepCache.delete(sweepCache.keys().next().value as string);
  sweepCache.set(key, sweep);
  return sweep;
}

export async function rankShiftPairs(params: {
  calibrationSize: number;
  seed: number;
  targetSparsity: number;
}): Promise<PairShiftRow[]> {
  const { spec } = requireModel();
  const { source } = requireData();
  return rankShiftAllPairs({ spec, source, importance: 'l1', ...params });
}

/** Dense activation-L1 importance of every unit on one calibration batch (one forward pass). */
async function denseImportance(
  spec: ModelSpec,
  graph: ChannelGraph,
  source: DataSource,
  seed: number,
): Promise<Map<string, Float32Array>> {
  const layers = graph.units.map((u) => u.measurementLayer);
  const executor = new ModelExecutor(spec);
  const x = calibrationBatch(source, 128, seed);
  try {
    const stats = tf.tidy(() => {
      // The output may be a measured layer's tensor too (a last Dense unit): the tidy frees it.
      const { outputs } = executor.forwardWithOutputs(x, { training: false }, layers);
      return layers.map((name) => batchChannelStatistic(outputs[name], 'l1'));
    });
    // Async reads: webgpu in a worker cannot read tensors synchronously.
    const values = (await Promise.all(stats.map((t) => t.data()))) as Float32Array[];
    tf.dispose(stats);
    return new Map(graph.units.map((u, i) => [u.id, values[i]]));
  } finally {
    executor.dispose();
    x.dispose();
  }
}

interface DetailInputs {
  before: ModelSpec;
  after: ModelSpec;
  quantized: ReturnType<typeof quantizeSpecWeights> | null;
  layerBitsBefore: Map<string, { params: number; weightBits: number }>;
  layerBitsAfter: Map<string, { params: number; weightBits: number }>;
  keptByGroup: Map<string, number>;
  importance: Map<string, Float32Array>;
}

function kernelOf(spec: ModelSpec, layerName: string): Float32Array {
  const name = spec.layers.find((l) => l.name === layerName)?.weights[0];
  return (name && spec.weights[name]?.data) || new Float32Array(0);
}

function unitDetail(unit: PrunableUnit, inputs: DetailInputs): UnitDetail {
  const kept = inputs.keptByGroup.get(unit.groupId) ?? unit.channels;
  const scores = inputs.importance.get(unit.id) ?? new Float32Array(0);
  const kernelBefore = kernelOf(inputs.after, unit.producer);
  const weightName = inputs.after.layers.find((l) => l.name === unit.producer)?.weights[0] ?? '';
  const codes = inputs.quantized?.codes[weightName];
  const kernelAfter = (codes && inputs.quantized?.spec.weights[weightName]?.data) || kernelBefore;
  // One range for both, so before/after bars line up (rounding can step just past max|W|).
  const [rb, ra] = [histogramOf(kernelBefore, 1), histogramOf(kernelAfter, 1)];
  const range = { lo: Math.min(rb.lo, ra.lo), hi: Math.max(rb.hi, ra.hi) };
  const before = inputs.layerBitsBefore.get(unit.producer);
  const after = inputs.layerBitsAfter.get(unit.producer);
  return {
    unitId: unit.id,
    groupId: unit.groupId,
    producerClass: unit.producerClass,
    channelsTotal: unit.channels,
    channelsKept: kept,
    paramsBefore: before?.params ?? kernelOf(inputs.before, unit.producer).length,
    paramsAfter: after?.params ?? kernelBefore.length,
    bytesBefore: (before?.weightBits ?? 0) / 8,
    bytesAfter: (after?.weightBits ?? 0) / 8,
    importance: histogramOf(scores, HISTOGRAM_BINS),
    importanceCut: topKCut(scores, kept),
    weightsBefore: histogramOf(kernelBefore, HISTOGRAM_BINS * 2, range),
    weightsAfter: histogramOf(kernelAfter, HISTOGRAM_BINS * 2, range),
    gridStep: codes ? Math.max(...codes.scales) : null,
  };
}

function layerBits(
  spec: ModelSpec,
  wbits: number,
  abits: number,
  graph?: ChannelGraph,
): Map<string, { params: number; weightBits: number }> {
  try {
    const fp = computeFootprint(
      spec,
      { weightBits: wbits, activationBits: abits },
      { channelGraph: graph },
    );
    return new Map(fp.layers.map((l) => [l.name, { params: l.params, weightBits: l.weightBits }]));
  } catch {
    return new Map();
  }
}

/** The per-unit table of the last run (its footprints are report.json's: RunOutcome.labReport). */
export async function analyzeLastRun(): Promise<RunAnalysis> {
  const { spec } = requireModel();
  const { source } = requireData();
  const c = requireCompressed();
  const report = c.report;
  const graph = buildChannelGraph(spec);
  const { wbits, abits } = c.settings;
  const afterGraph = safeGraph(c.spec);
  const inputs: DetailInputs = {
    before: spec,
    after: c.spec,
    quantized:
      wbits === 32
        ? null
        : quantizeSpecWeights(c.spec, {
            weightBits: wbits,
            activationBits: abits,
            perChannel: true,
            pow2: false,
          }),
    layerBitsBefore: layerBits(spec, 32, 32, graph),
    layerBitsAfter: layerBits(c.spec, wbits, abits, afterGraph),
    keptByGroup: new Map(report.groups.map((g) => [g.id, g.kept])),
    importance: await denseImportance(spec, graph, source, c.settings.seed),
  };
  return {
    runId: c.runId,
    wbits,
    abits,
    units: graph.units.map((u) => unitDetail(u, inputs)),
  };
}

function safeGraph(spec: ModelSpec): ChannelGraph | undefined {
  try {
    return buildChannelGraph(spec);
  } catch {
    return undefined;
  }
}
