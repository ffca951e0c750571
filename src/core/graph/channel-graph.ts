/**
 * The channel graph: which output channels of a model can be removed, and which must be removed together.
 *
 * Channels are coupled when removing one of them forces removing others. Take
 *
 *     x ─► conv_a (8 filters) ─► bn_a ─► relu_a ─┬──────────────────────────────┐
 *                                                └► conv_b (8) ─► bn_b ─► Add ◄─┘ ─► conv_c
 *
 * 1. conv_a's filter 3 makes channel 3 of its output. bn_a and relu_a act on channel 3 alone
 *    (they are *followers*), so conv_a + bn_a + relu_a form one *unit*: removing channel 3 means
 *    dropping conv_a's kernel[..., 3] and bias[3], and bn_a's gamma[3], beta[3], moving_mean[3],
 *    moving_variance[3]. The unit's *measurement layer* is relu_a (the last follower): the method
 *    reads and masks activations there.
 * 2. Every consumer of channel 3 loses an input: conv_b drops kernel[:, :, 3, :] (its in-axis).
 * 3. The Add sums relu_a's channel 3 with bn_b's channel 3. Removing one without the other would
 *    leave the Add with operands of different widths, so units conv_a and conv_b form one *group*
 *    that keeps the same channel indices; its importance is the sum over its members. Passthrough
 *    layers (pooling, padding, upsampling, depthwise convolutions) keep channel identity, so an Add
 *    behind them still couples the same units.
 * 4. conv_c's in-axis is the Add's output: it loses input channel 3 once, for the whole group.
 *
 * Concatenate does not couple: each operand stays its own group and its consumers see the
 * channels at an offset (operand 2's channel c is the concat's channel C1 + c). A Flatten turns
 * channel c at spatial position p into row p·C + c of the next Dense kernel.
 *
 * A group is not prunable when a member's channels reach a model output (the output's width is
 * part of the task), a layer the lab cannot restructure, a channel-mixing layer (softmax, a
 * non-flattening Reshape) or an Add whose operands cannot be aligned channel by channel.
 */
import type { ModelSpec } from '../model/spec';
import { traceChannels, type ChannelFlow } from './channel-flow';
import type { ChannelGraph, ChannelGroup, PrunableUnit } from './types';

function groupsOf(flow: ChannelFlow, units: PrunableUnit[]): ChannelGroup[] {
  const groups: ChannelGroup[] = [];
  const byRoot = new Map<number, ChannelGroup>();
  flow.units.forEach((draft, index) => {
    const root = flow.coupling.find(index);
    let group = byRoot.get(root);
    if (!group) {
      group = { id: units[root].id, units: [], channels: draft.channels, prunable: true };
      byRoot.set(root, group);
      groups.push(group);
    }
    group.units.push(units[index].id);
    const reason = flow.blocked.get(index);
    if (reason && group.prunable) {
      group.prunable = false;
      group.reason = `Unit "${draft.producer}" ${reason}`;
    }
  });
  return groups;
}

/** Builds units and coupled groups from a spec (pure; unsupported layers make groups unprunable, not errors). */
export function buildChannelGraph(spec: ModelSpec): ChannelGraph {
  return channelGraphFromFlow(traceChannels(spec));
}

export function channelGraphFromFlow(flow: ChannelFlow): ChannelGraph {
  const units: PrunableUnit[] = flow.units.map((draft, index) => ({
    id: draft.producer,
    producer: draft.producer,
    producerClass: draft.producerClass,
    followers: draft.followers.slice(),
    measurementLayer: draft.followers.length
      ? draft.followers[draft.followers.length - 1]
      : draft.producer,
    channels: draft.channels,
    groupId: flow.units[flow.coupling.find(index)].producer,
  }));
  return { units, groups: groupsOf(flow, units) };
}
