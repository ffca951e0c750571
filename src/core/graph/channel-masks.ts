import type { LayerSpec, ModelSpec } from '../model/spec';
import { layerDescriptor } from '../layers/registry';
import type { ChannelFlow, ChannelOrigins } from './channel-flow';
import { traceChannels } from './channel-flow';
import { groupKeepMask } from './pruning-plan';
import type { ChannelGraph, MaskPoint, PruningPlan } from './types';

/** Per unit index: the keep mask of its group under the plan (undefined = keep all). */
export function unitKeepMasks(
  flow: ChannelFlow,
  graph: ChannelGraph,
  plan: PruningPlan,
): (Uint8Array | undefined)[] {
  const groups = new Map(graph.groups.map((g) => [g.id, g]));
  const byId = new Map(graph.units.map((u) => [u.id, u]));
  return flow.units.map((draft) => {
    const unit = byId.get(draft.producer);
    const group = unit ? groups.get(unit.groupId) : undefined;
    return group && plan[group.id] ? groupKeepMask(group, plan) : undefined;
  });
}

/** Kept positions along a tensor's last axis, or null when nothing is removed there. */
export function keptPositions(
  origins: ChannelOrigins | null,
  masks: (Uint8Array | undefined)[],
): number[] | null {
  if (!origins) return null;
  const kept: number[] = [];
  for (let i = 0; i < origins.unit.length; i++) {
    const mask = origins.unit[i] >= 0 ? masks[origins.unit[i]] : undefined;
    if (!mask || mask[origins.channel[i]]) kept.push(i);
  }
  return kept.length === origins.unit.length ? null : kept;
}

/** A layer outside any unit chain that turns a zero channel into a non-zero one. */
function addsChannelOffset(layer: LayerSpec): boolean {
  return layerDescriptor(layer.className)?.addsChannelOffset?.(layer) ?? false;
}

/**
 * Where to multiply activations by a 0/1 mask so that the masked model computes exactly what the
 * pruned model computes: each pruned unit's measurement layer, plus every later layer that would
 * turn a zeroed channel back into a non-zero one (a BatchNormalization or biased DepthwiseConv2D
 * outside a unit's chain, an activation with f(0) ≠ 0). Masks run along the layer output's last axis.
 */
export function maskPoints(spec: ModelSpec, graph: ChannelGraph, plan: PruningPlan): MaskPoint[] {
  const flow = traceChannels(spec);
  const masks = unitKeepMasks(flow, graph, plan);
  const measurement = new Set(
    graph.units.filter((u) => plan[u.groupId]).map((u) => u.measurementLayer),
  );
  const points: MaskPoint[] = [];
  for (const layer of spec.layers) {
    const candidate =
      measurement.has(layer.name) || (!flow.chainOf.has(layer.name) && addsChannelOffset(layer));
    if (!candidate) continue;
    const origins = flow.origins.get(layer.name) ?? null;
    const kept = keptPositions(origins, masks);
    if (!kept || !origins) continue;
    const mask = new Float32Array(origins.unit.length);
    for (const i of kept) mask[i] = 1;
    points.push({ layer: layer.name, mask });
  }
  return points;
}
