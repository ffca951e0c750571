import * as tf from '@tensorflow/tfjs';
import { LabError } from '../errors';
import type { ChannelGraph, PrunableUnit } from '../graph/types';

/**
 * Activation importance (method.md §2), accumulated per unit at its measurement layer.
 *
 * Per step t: m_t[c] = mean over batch (and height, width) of |x[…, c]| ('l1') or of
 * 1[x ≠ 0] ('l0', a.k.a. 1 − APoZ). The window's importance is the cumulative mean
 * M_t = (t·M_{t−1} + m_t)/(t+1) — algebraically the plain mean of m_0 … m_t, so we keep a
 * running sum (one small [C] op per step, no read-back) and divide once when read.
 * A coupled group's score (channels joined by an Add) combines its members' scores: by default
 * each member's vector divided by its own mean, then summed, so that no member dominates by scale
 * alone ('normalized'); 'sum' is the plain sum the lab used before (kept for comparison).
 */
export type ActivationImportanceKind = 'l1' | 'l0';

/** m_t of one batch: the per-channel mean over every axis but the last (channels last). */
export function batchChannelStatistic(x: tf.Tensor, kind: ActivationImportanceKind): tf.Tensor1D {
  return tf.tidy(() => {
    const axes = Array.from({ length: x.rank - 1 }, (_, i) => i);
    const values = kind === 'l1' ? tf.abs(x) : tf.cast(tf.notEqual(x, 0), 'float32');
    return tf.mean(values, axes) as tf.Tensor1D;
  });
}

/** Running statistics of one unit's measurement layer. */
export class UnitActivationStats {
  private sum: tf.Tensor1D | null = null;
  private stepCount = 0;

  constructor(
    readonly unit: PrunableUnit,
    readonly kind: ActivationImportanceKind,
  ) {}

  get steps(): number {
    return this.stepCount;
  }

  /** Adds this batch's m_t. Safe inside tf.tidy / a gradient tape: the sum is kept. */
  observe(x: tf.Tensor): void {
    const channels = x.shape[x.rank - 1];
    if (channels !== this.unit.channels) {
      throw new LabError(
        'INVALID_MODEL',
        `Layer "${this.unit.measurementLayer}" has ${channels} channels, expected ${this.unit.channels}.`,
      );
    }
    const previous = this.sum;
    this.sum = tf.keep(
      tf.tidy(() => {
        const m = batchChannelStatistic(x, this.kind);
        return (previous ? tf.add(previous, m) : m) as tf.Tensor1D;
      }),
    );
    previous?.dispose();
    this.stepCount++;
  }

  /** M over the steps observed so far (zeros before the first step). */
  async read(): Promise<Float32Array> {
    if (!this.sum) return new Float32Array(this.unit.channels);
    // An awaited read: webgpu in a worker cannot read tensors synchronously.
    const sum = (await this.sum.data()) as Float32Array;
    return sum.map((v) => v / this.stepCount);
  }

  reset(): void {
    this.sum?.dispose();
    this.sum = null;
    this.stepCount = 0;
  }

  dispose(): void {
    this.reset();
  }
}

/** Element-wise sum of equally long score vectors (a coupled group's members). */
export function sumScores(vectors: readonly ArrayLike<number>[]): Float32Array {
  const out = new Float32Array(vectors[0]?.length ?? 0);
  for (const v of vectors) for (let c = 0; c < out.length; c++) out[c] += v[c];
  return out;
}

/** How a coupled group's member scores become one group score. */
export type MemberCombine = 'normalized' | 'sum';

/** `v` divided by its mean; unchanged when the mean is 0 (a member with no signal). */
export function meanNormalized(v: ArrayLike<number>): Float32Array {
  let total = 0;
  for (let c = 0; c < v.length; c++) total += v[c];
  const mean = v.length ? total / v.length : 0;
  return Float32Array.from(v, (x) => (mean > 0 ? x / mean : x));
}

/** The group score from its members' scores (one vector: returned as a copy, unscaled). */
export function combineMemberScores(
  vectors: readonly ArrayLike<number>[],
  combine: MemberCombine = 'normalized',
): Float32Array {
  if (combine === 'sum' || vectors.length < 2) return sumScores(vectors);
  return sumScores(vectors.map(meanNormalized));
}

/** Activation statistics for every unit of the graph's groups, observed through forward hooks. */
export class ActivationCollector {
  private readonly byLayer = new Map<string, UnitActivationStats>();
  private readonly byGroup = new Map<string, UnitActivationStats[]>();

  constructor(
    graph: ChannelGraph,
    kind: ActivationImportanceKind,
    private readonly combine: MemberCombine = 'normalized',
    /** Per-unit statistic overriding `kind` (L0 falls back to L1 off ReLU outputs: l0-scope.ts). */
    kindOfUnit?: ReadonlyMap<string, ActivationImportanceKind>,
  ) {
    for (const unit of graph.units) {
      const stats = new UnitActivationStats(unit, kindOfUnit?.get(unit.id) ?? kind);
      this.byLayer.set(unit.measurementLayer, stats);
      const members = this.byGroup.get(unit.groupId) ?? [];
      members.push(stats);
      this.byGroup.set(unit.groupId, members);
    }
  }

  /** The measurement layers of the given groups. */
  layersOf(groupIds: readonly string[]): Set<string> {
    const layers = new Set<string>();
    for (const id of groupIds)
      for (const s of this.members(id)) layers.add(s.unit.measurementLayer);
    return layers;
  }

  /** Forward hook: feed an observed activation to its unit's statistics. */
  readonly observe = (layer: string, x: tf.Tensor): void => {
    this.byLayer.get(layer)?.observe(x);
  };

  /** Group score from its members' cumulative means (one read-back per member). */
  async groupScores(groupId: string): Promise<Float32Array> {
    const members = await Promise.all(this.members(groupId).map((s) => s.read()));
    return combineMemberScores(members, this.combine);
  }

  async unitScores(unitId: string): Promise<Float32Array> {
    for (const s of this.byLayer.values()) if (s.unit.id === unitId) return s.read();
    throw new LabError('INVALID_ARGUMENT', `Unit "${unitId}" is not in the channel graph.`);
  }

  stepsObserved(groupId: string): number {
    return Math.min(...this.members(groupId).map((s) => s.steps));
  }

  dispose(): void {
    for (const s of this.byLayer.values()) s.dispose();
  }

  private members(groupId: string): UnitActivationStats[] {
    const members = this.byGroup.get(groupId);
    if (!members)
      throw new LabError('INVALID_ARGUMENT', `Group "${groupId}" is not in the channel graph.`);
    return members;
  }
}
