import * as tf from '@tensorflow/tfjs';
import type { DataSource } from '../data/source';
import { LabError } from '../errors';
import { ModelExecutor } from '../exec/executor';
import { buildChannelGraph } from '../graph/channel-graph';
import { maskPoints } from '../graph/channel-masks';
import type { ChannelGraph, PrunableUnit } from '../graph/types';
import type { ModelSpec } from '../model/spec';
import { combineMemberScores, type ActivationImportanceKind } from '../prune/importance';
import { layerKinds } from '../prune/l0-scope';
import { keptChannelsAtSparsity } from '../prune/top-k';
import { createRng, shuffledIndices } from '../random';
import { forwardTraining, withoutDropout, type RankShiftBnMode } from './bn-mode';
import { kendallTau, keptOverlap, rankOrderLevenshtein } from './metrics';
import { channelStatistic } from './channel-statistic';
import { incrementalRoute, incrementalSweep, type IncrementalRoute } from './incremental-sweep';
import { ancestorsOf, truncateSpecAt, truncateSpecToLayers } from './sub-network';

/**
 * The paper's motivation experiment (method.md §8): how much does pruning an upstream unit U
 * reshuffle the channel ranking of a downstream unit L? On one fixed calibration batch, L's
 * importance μ is measured with the network dense, U's group is pruned at sparsity s by its own
 * activation importance (same batch, dense network), and L's importance ν is measured again.
 * Where U reaches L's producer through channel-wise layers only, the sweep reuses the dense
 * activations and adds just the newly kept channels' terms per point (incremental-sweep.ts);
 * elsewhere it runs the layers L depends on once per sparsity with U's group masked.
 */
export interface RankShiftOptions {
  spec: ModelSpec;
  graph?: ChannelGraph;
  source: DataSource;
  /** Unit id (= producer layer name) of L. */
  unit: string;
  /** Unit id of U; default: the prunable unit right before L in topological order. */
  upstream?: string;
  sparsities: number[];
  /** Calibration examples drawn (seeded) from the train split; default 256. */
  calibrationSize?: number;
  seed?: number;
  importance?: ActivationImportanceKind;
  /** L's sparsity for the kept-set overlap; default 0.5. */
  targetSparsity?: number;
  /** Use the incremental sweep where it applies (default true); false forces the masked forwards. */
  fastPath?: boolean;
  /** BatchNorm statistics (bn-mode.ts): 'batch' (default, what pruning sees) or 'frozen'. */
  bnMode?: RankShiftBnMode;
}

export interface RankShiftPoint {
  sparsity: number;
  kendallTau: number;
  levenshtein: number;
  levenshteinNormalized: number;
  keptOverlap: number;
  /** ν: L's channel importance with U pruned at this sparsity. */
  importance: number[];
}

export interface RankShiftResult {
  unit: string;
  upstream: string;
  bnMode: RankShiftBnMode;
  /** Where the measurement differs from what was asked (L0 off ReLU outputs). */
  notes: string[];
  calibrationSize: number;
  targetSparsity: number;
  /** μ: L's channel importance with U dense. */
  denseImportance: number[];
  points: RankShiftPoint[];
}

function findUnit(graph: ChannelGraph, id: string, role: string): PrunableUnit {
  const unit = graph.units.find((u) => u.id === id);
  if (!unit) {
    const ids = graph.units.map((u) => u.id).join(', ');
    throw new LabError(
      'LAYER_NOT_FOUND',
      `${role} unit "${id}" is not a prunable unit of the model (units: ${ids}).`,
    );
  }
  return unit;
}

function defaultUpstream(graph: ChannelGraph, spec: ModelSpec, unit: PrunableUnit): PrunableUnit {
  const upstream = ancestorsOf(spec, unit.producer);
  const candidates = graph.units.filter(
    (u) => u.id !== unit.id && upstream.has(u.measurementLayer) && isPrunable(graph, u),
  );
  if (!candidates.length)
    throw new LabError('UNSUPPORTED', `Unit "${unit.id}" has no prunable unit upstream of it.`);
  return candidates[candidates.length - 1];
}

function isPrunable(graph: ChannelGraph, unit: PrunableUnit): boolean {
  return graph.groups.find((g) => g.id === unit.groupId)?.prunable ?? false;
}

function groupMeasurementLayers(graph: ChannelGraph, groupId: string): string[] {
  return graph.units.filter((u) => u.groupId === groupId).map((u) => u.measurementLayer);
}

/** A fixed, seeded calibration batch from the train split (caller disposes). */
export function calibrationBatch(source: DataSource, size: number, seed: number): tf.Tensor {
  const n = Math.min(size, source.size('train'));
  if (n < 1)
    throw new LabError(
      'INVALID_DATA',
      `Data source "${source.id}" has no training examples to calibrate on.`,
    );
  const indices = shuffledIndices(source.size('train'), createRng(seed)).slice(0, n);
  const { x, y } = source.batch('train', indices);
  y?.dispose();
  return x;
}

/**
 * Per-channel statistics of `statLayers` from one dense forward of only the layers they (and
 * `keepLayer`) need, plus the dense output of `keepLayer` when named (the caller disposes it).
 */
async function densePass(
  spec: ModelSpec,
  x: tf.Tensor,
  statLayers: string[],
  kindOf: (layer: string) => ActivationImportanceKind,
  bnMode: RankShiftBnMode,
  keepLayer?: string,
): Promise<{ stats: Map<string, Float32Array>; kept?: tf.Tensor }> {
  const layers = [...new Set(statLayers)];
  const wanted = keepLayer ? [...layers, keepLayer] : layers;
  const executor = new ModelExecutor(truncateSpecToLayers(spec, wanted), { bnMode });
  const { stats, kept } = tf.tidy(() => {
    // The output may be one of `wanted` (a truncated model): the tidy disposes what is not kept.
    const { outputs } = executor.forwardWithOutputs(x, forwardTraining(bnMode), wanted);
    const stats = layers.map((name) => channelStatistic(outputs[name], kindOf(name)));
    return { stats, kept: keepLayer ? outputs[keepLayer] : undefined };
  });
  executor.dispose();
  try {
    // Async reads: webgpu in a worker cannot read tensors synchronously.
    const values = (await Promise.all(stats.map((t) => t.data()))) as Float32Array[];
    return { stats: new Map(layers.map((name, i) => [name, values[i]])), kept };
  } catch (e) {
    kept?.dispose();
    throw e;
  } finally {
    tf.dispose(stats);
  }
}

interface PairRun {
  spec: ModelSpec;
  graph: ChannelGraph;
  x: tf.Tensor;
  upstream: PrunableUnit;
  unit: PrunableUnit;
  sparsities: number[];
  /** The statistic per measurement layer (L0 only on ReLU outputs: prune/l0-scope.ts). */
  kindOf: (layer: string) => ActivationImportanceKind;
  bnMode: RankShiftBnMode;
}

/** U's kept channels per sparsity from its group's dense scores (coupled members mean-normalised). */
function keptSetsOf(run: PairRun, stats: Map<string, Float32Array>): number[][] {
  const members = groupMeasurementLayers(run.graph, run.upstream.groupId);
  const scores = combineMemberScores(members.map((m) => stats.get(m)!));
  return run.sparsities.map((s) => keptChannelsAtSparsity(scores, s));
}

/**
 * Indices of the kept sets that prune something. Keeping every channel is the dense network
 * itself, so there ν = μ exactly and no forward is needed.
 */
function prunedIndices(keptSets: number[][], channels: number): number[] {
  return keptSets.flatMap((kept, i) => (kept.length < channels ? [i] : []));
}

interface PairImportances {
  mu: Float32Array;
  /** ν per requested sparsity. */
  nus: Float32Array[];
}

function spread(
  keptSets: number[][],
  pruned: number[],
  mu: Float32Array,
  values: Float32Array[],
): PairImportances {
  const nus = keptSets.map(() => mu);
  pruned.forEach((p, j) => (nus[p] = values[j]));
  return { mu, nus };
}

/** μ and ν per sparsity with the incremental sweep; μ is its all-channels point. */
async function fastImportances(run: PairRun, route: IncrementalRoute): Promise<PairImportances> {
  const members = groupMeasurementLayers(run.graph, run.upstream.groupId);
  const dense = await densePass(
    run.spec,
    run.x,
    members,
    run.kindOf,
    run.bnMode,
    route.producerInput,
  );
  try {
    const keptSets = keptSetsOf(run, dense.stats);
    const pruned = prunedIndices(keptSets, run.upstream.channels);
    const all = Array.from({ length: run.upstream.channels }, (_, c) => c);
    const sets = [...pruned.map((i) => keptSets[i]), all];
    const measure = { kind: run.kindOf(run.unit.measurementLayer), bnMode: run.bnMode };
    const values = await incrementalSweep(run.spec, route, dense.kept!, sets, measure);
    const mu = values.pop()!;
    return spread(keptSets, pruned, mu, values);
  } finally {
    dense.kept?.dispose();
  }
}

/** μ and ν per sparsity with one masked forward per pruned point. */
async function maskedImportances(run: PairRun): Promise<PairImportances> {
  const members = groupMeasurementLayers(run.graph, run.upstream.groupId);
  const measurement = run.unit.measurementLayer;
  const { stats } = await densePass(
    run.spec,
    run.x,
    [...members, measurement],
    run.kindOf,
    run.bnMode,
  );
  const keptSets = keptSetsOf(run, stats);
  const pruned = prunedIndices(keptSets, run.upstream.channels);
  const values = await maskedSweep(
    run,
    pruned.map((i) => keptSets[i]),
  );
  return spread(keptSets, pruned, stats.get(measurement)!, values);
}

/** Downstream unit L and upstream unit U of a rank-shift run, checked. */
function resolvePair(
  spec: ModelSpec,
  graph: ChannelGraph,
  options: RankShiftOptions,
): { unit: PrunableUnit; upstream: PrunableUnit } {
  const unit = findUnit(graph, options.unit, 'Downstream');
  const upstream = options.upstream
    ? findUnit(graph, options.upstream, 'Upstream')
    : defaultUpstream(graph, spec, unit);
  if (!ancestorsOf(spec, unit.producer).has(upstream.measurementLayer) || upstream.id === unit.id) {
    throw new LabError(
      'UNSUPPORTED',
      `Unit "${upstream.id}" is not upstream of unit "${unit.id}".`,
    );
  }
  if (upstream.groupId === unit.groupId) {
    throw new LabError(
      'UNSUPPORTED',
      `Units "${upstream.id}" and "${unit.id}" are coupled in one group; pick a downstream unit outside it.`,
    );
  }
  if (!isPrunable(graph, upstream))
    throw new LabError('UNSUPPORTED', `Upstream unit "${upstream.id}" is not prunable.`);
  return { unit, upstream };
}

export async function rankShift(options: RankShiftOptions): Promise<RankShiftResult> {
  const { source } = options;
  const bnMode = options.bnMode ?? 'batch';
  // Batch BN runs the executor in training mode: dropout must not drop anything there.
  const spec = bnMode === 'batch' ? withoutDropout(options.spec) : options.spec;
  const graph = options.graph ?? buildChannelGraph(spec);
  const { unit, upstream } = resolvePair(spec, graph, options);
  const groups = [unit.groupId, upstream.groupId];
  const kindOf = layerKinds(spec, graph, options.importance ?? 'l1', groups);
  const targetSparsity = options.targetSparsity ?? 0.5;
  const route = options.fastPath === false ? null : incrementalRoute(spec, graph, upstream, unit);
  const x = calibrationBatch(source, options.calibrationSize ?? 256, options.seed ?? 1);
  try {
    const { sparsities } = options;
    const run: PairRun = { spec, graph, x, upstream, unit, sparsities, kindOf, bnMode };
    const { mu, nus } = route ? await fastImportances(run, route) : await maskedImportances(run);
    return {
      unit: unit.id,
      upstream: upstream.id,
      bnMode,
      notes: kindOf.notes,
      calibrationSize: x.shape[0],
      targetSparsity,
      denseImportance: Array.from(mu),
      points: options.sparsities.map((s, i) => comparePoint(s, mu, nus[i], targetSparsity)),
    };
  } finally {
    x.dispose();
  }
}

/** ν per kept set of U's group: one forward of the layers L depends on, U's group masked. */
async function maskedSweep(run: PairRun, keptSets: number[][]): Promise<Float32Array[]> {
  const partial = new ModelExecutor(truncateSpecAt(run.spec, run.unit.measurementLayer), {
    bnMode: run.bnMode,
  });
  const stats: tf.Tensor1D[] = [];
  try {
    for (const kept of keptSets) stats.push(maskedStatistic(partial, run, kept));
    // All reads started before the first await (webgpu in a worker cannot read synchronously).
    return (await Promise.all(stats.map((t) => t.data()))) as Float32Array[];
  } finally {
    tf.dispose(stats);
    partial.dispose();
  }
}

function maskedStatistic(partial: ModelExecutor, run: PairRun, kept: number[]): tf.Tensor1D {
  const present = new Set(partial.spec.layers.map((l) => l.name));
  const points = maskPoints(run.spec, run.graph, { [run.upstream.groupId]: kept }).filter((p) =>
    present.has(p.layer),
  );
  return tf.tidy(() => {
    const masks = new Map(points.map((p) => [p.layer, tf.tensor1d(p.mask)]));
    const options = { ...forwardTraining(run.bnMode), masks };
    const kind = run.kindOf(run.unit.measurementLayer);
    return channelStatistic(partial.forward(run.x, options), kind);
  });
}

function comparePoint(
  sparsity: number,
  mu: Float32Array,
  nu: Float32Array,
  targetSparsity: number,
): RankShiftPoint {
  const lev = rankOrderLevenshtein(mu, nu);
  return {
    sparsity,
    kendallTau: kendallTau(mu, nu),
    levenshtein: lev,
    levenshteinNormalized: lev / mu.length,
    keptOverlap: keptOverlap(mu, nu, targetSparsity),
    importance: Array.from(nu),
  };
}

export interface PairShift {
  upstream: string;
  unit: string;
  /** Kendall's τ per upstream sparsity. */
  kendallTau: Record<string, number>;
}

/** τ for every consecutive pair of prunable units (U directly before L), at s ∈ {0.25, 0.5, 0.75}. */
export async function rankShiftAllPairs(
  options: Omit<RankShiftOptions, 'unit' | 'upstream' | 'sparsities'> & { sparsities?: number[] },
): Promise<PairShift[]> {
  const graph = options.graph ?? buildChannelGraph(options.spec);
  const sparsities = options.sparsities ?? [0.25, 0.5, 0.75];
  const units = graph.units.filter((u) => isPrunable(graph, u));
  const pairs: PairShift[] = [];
  for (let i = 1; i < units.length; i++) {
    const [upstream, unit] = [units[i - 1], units[i]];
    if (!ancestorsOf(options.spec, unit.producer).has(upstream.measurementLayer)) continue;
    const result = await rankShift({
      ...options,
      graph,
      unit: unit.id,
      upstream: upstream.id,
      sparsities,
    });
    pairs.push({
      upstream: upstream.id,
      unit: unit.id,
      kendallTau: Object.fromEntries(result.points.map((p) => [String(p.sparsity), p.kendallTau])),
    });
  }
  return pairs;
}
