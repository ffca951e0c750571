/**
 * Channel-graph vocabulary shared by surgery, pruning schedules and quantization.
 *
 * A *unit* is a producer (Conv2D, SeparableConv2D, Conv2DTranspose, Dense) with the
 * followers that act channel by channel on its output (BatchNormalization, activation,
 * ReLU, Dropout). Its *measurement layer* is the last follower: the method reads (and
 * masks) activations there. A *group* is a set of units whose output channels are
 * coupled (outputs meet in an element-wise Add) and must keep the same channel indices.
 */
export interface PrunableUnit {
  /** Equal to the producer layer's name. */
  id: string;
  producer: string;
  producerClass: string;
  /** BN / activation / ReLU / Dropout layers that follow the producer channel-wise. */
  followers: string[];
  /** The layer whose output is measured and masked (= last follower, or the producer). */
  measurementLayer: string;
  /** Output channels of the producer. */
  channels: number;
  groupId: string;
}

export interface ChannelGroup {
  /** Stable id: the id of its first unit in topological order. */
  id: string;
  /** Unit ids in topological order. */
  units: string[];
  channels: number;
  /** False when a member feeds the model output or an unsupported consumer. */
  prunable: boolean;
  /** Why a group is not prunable (plain English, ends with a period). */
  reason?: string;
}

export interface ChannelGraph {
  units: PrunableUnit[];
  /** Groups in topological order of their first unit: the layerwise schedule visits them in this order. */
  groups: ChannelGroup[];
}

/** Kept channel indices (ascending, original numbering) per group id. Absent group = keep all. */
export type PruningPlan = Record<string, number[]>;

/**
 * A layer whose output must be multiplied by `mask` (0/1 along the output's last axis) so that a
 * masked dense model computes what the pruned model computes. See maskPoints() in channel-masks.ts.
 */
export interface MaskPoint {
  layer: string;
  mask: Float32Array;
}
