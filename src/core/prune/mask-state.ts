import * as tf from '@tensorflow/tfjs';
import { maskPoints } from '../graph/channel-masks';
import type { ChannelGraph, PruningPlan } from '../graph/types';
import type { ModelSpec } from '../model/spec';

/**
 * The masks in force during a pruning run: kept channels per group, and the 0/1 tensors the
 * executor multiplies layer outputs by. A group's mask covers its measurement layers and every
 * later layer that would turn a zeroed channel back into a non-zero one (maskPoints), so the
 * masked network computes exactly what the physically pruned one will.
 */
export class MaskState {
  private readonly kept = new Map<string, number[]>();
  private tensors = new Map<string, tf.Tensor1D>();
  private dirty = false;

  constructor(
    private readonly spec: ModelSpec,
    private readonly graph: ChannelGraph,
  ) {}

  setKept(groupId: string, keptChannels: number[]): void {
    this.kept.set(groupId, [...keptChannels]);
    this.dirty = true;
  }

  keptOf(groupId: string): number[] | undefined {
    return this.kept.get(groupId);
  }

  plan(): PruningPlan {
    return Object.fromEntries(this.kept);
  }

  /** Layer name → 0/1 mask; rebuilt (old tensors disposed) only after a change. */
  layerMasks(): ReadonlyMap<string, tf.Tensor1D> {
    if (this.dirty) {
      this.disposeTensors();
      const points = maskPoints(this.spec, this.graph, this.plan());
      this.tensors = new Map(points.map((p) => [p.layer, tf.keep(tf.tensor1d(p.mask))]));
      this.dirty = false;
    }
    return this.tensors;
  }

  dispose(): void {
    this.disposeTensors();
    this.kept.clear();
  }

  private disposeTensors(): void {
    for (const t of this.tensors.values()) t.dispose();
    this.tensors = new Map();
  }
}
