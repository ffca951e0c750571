import * as tf from '@tensorflow/tfjs';
import type { DataSource } from '../data/source';
import { LabError } from '../errors';
import { ModelExecutor } from '../exec/executor';
import { buildChannelGraph } from '../graph/channel-graph';
import { maskPoints } from '../graph/channel-masks';
import type { ChannelGraph, PrunableUnit } from '../graph/types';
import type { ModelSpec } from '../model/spec';
import {
  batchChannelStatistic,
  sumScores,
  type ActivationImportanceKind,
} from '../prune/importance';
import { keptChannelsAtSparsity } from '../prune/top-k';
import { createRng, shuffledIndices } from '../random';
import { kendallTau, keptOverlap, rankOrderLevenshtein } from './metrics';
import { ancestorsOf, truncateSpecAt } from './sub-network';

/**
 * The paper's motivation experiment (method.md §8): how much does pruning an upstream unit U
 * reshuffle the channel ranking of a downstream unit L? On one fixed calibration batch, L's
 * importance μ is measured with the network dense, U's group is pruned at sparsity s by its own
 * activation importance (same batch, dense network), and L's importance ν is measured again.
 * Only the layers L depends on are run during the sweep (one forward per sparsity).
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
      'INVALID_ARGUMENT',
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
    throw new LabError(
      'INVALID_ARGUMENT',
      `Unit "${unit.id}" has no prunable unit upstream of it.`,
    );
  return candidates[candidates.length - 1];
}

function isPrunable(graph: ChannelGraph, unit: PrunableUnit): boolean {
  return graph.groups.find((g) => g.id === unit.groupId)?.prunable ?? false;
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

/** U's group score and L's μ from one dense forward pass. */
async function denseImportances(
  executor: ModelExecutor,
  graph: ChannelGraph,
  x: tf.Tensor,
  upstream: PrunableUnit,
  unit: PrunableUnit,
  kind: ActivationImportanceKind,
): Promise<{ upstreamScores: Float32Array; mu: Float32Array }> {
  const members = graph.units
    .filter((u) => u.groupId === upstream.groupId)
    .map((u) => u.measurementLayer);
  const layers = [...new Set([...members, unit.measurementLayer])];
  const stats = tf.tidy(() => {
    const { output, outputs } = executor.forwardWithOutputs(x, { training: false }, layers);
    output.dispose();
    return layers.map((name) => batchChannelStatistic(outputs[name], kind));
  });
  // Async reads: webgpu in a worker cannot read tensors synchronously.
  const values = (await Promise.all(stats.map((t) => t.data()))) as Float32Array[];
  tf.dispose(stats);
  return {
    upstreamScores: sumScores(members.map((m) => values[layers.indexOf(m)])),
    mu: values[layers.indexOf(unit.measurementLayer)],
  };
}

export async function rankShift(options: RankShiftOptions): Promise<RankShiftResult> {
  const { spec, source } = options;
  const graph = options.graph ?? buildChannelGraph(spec);
  const unit = findUnit(graph, options.unit, 'Downstream');
  const upstream = options.upstream
    ? findUnit(graph, options.upstream, 'Upstream')
    : defaultUpstream(graph, spec, unit);
  if (!ancestorsOf(spec, unit.producer).has(upstream.measurementLayer) || upstream.id === unit.id) {
    throw new LabError(
      'INVALID_ARGUMENT',
      `Unit "${upstream.id}" is not upstream of unit "${unit.id}".`,
    );
  }
  if (upstream.groupId === unit.groupId) {
    throw new LabError(
      'INVALID_ARGUMENT',
      `Units "${upstream.id}" and "${unit.id}" are coupled in one group; pick a downstream unit outside it.`,
    );
  }
  if (!isPrunable(graph, upstream))
    throw new LabError('INVALID_ARGUMENT', `Upstream unit "${upstream.id}" is not prunable.`);
  const kind = options.importance ?? 'l1';
  const targetSparsity = options.targetSparsity ?? 0.5;
  const truncated = truncateSpecAt(spec, unit.measurementLayer);
  const x = calibrationBatch(source, options.calibrationSize ?? 256, options.seed ?? 1);
  const full = new ModelExecutor(spec);
  const partial = new ModelExecutor(truncated);
  try {
    const { upstreamScores, mu } = await denseImportances(full, graph, x, upstream, unit, kind);
    full.dispose();
    const points: RankShiftPoint[] = [];
    for (const s of options.sparsities) {
      const kept = keptChannelsAtSparsity(upstreamScores, s);
      const nu = await measureWithUpstreamPruned(
        partial,
        spec,
        graph,
        x,
        upstream.groupId,
        kept,
        kind,
      );
      points.push(comparePoint(s, mu, nu, targetSparsity));
    }
    return {
      unit: unit.id,
      upstream: upstream.id,
      calibrationSize: x.shape[0],
      targetSparsity,
      denseImportance: Array.from(mu),
      points,
    };
  } finally {
    full.dispose();
    partial.dispose();
    x.dispose();
  }
}

async function measureWithUpstreamPruned(
  partial: ModelExecutor,
  spec: ModelSpec,
  graph: ChannelGraph,
  x: tf.Tensor,
  groupId: string,
  kept: number[],
  kind: ActivationImportanceKind,
): Promise<Float32Array> {
  const present = new Set(partial.spec.layers.map((l) => l.name));
  const points = maskPoints(spec, graph, { [groupId]: kept }).filter((p) => present.has(p.layer));
  const masks = new Map(points.map((p) => [p.layer, tf.tensor1d(p.mask)]));
  const stat = tf.tidy(() =>
    batchChannelStatistic(partial.forward(x, { training: false, masks }), kind),
  );
  try {
    return (await stat.data()) as Float32Array;
  } finally {
    tf.dispose([stat, ...masks.values()]);
  }
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
