import { LabError } from '../errors';
import type { LayerSpec, ModelSpec, WeightTensor } from '../model/spec';
import { traceChannels, type ChannelFlow } from '../graph/channel-flow';
import { keptPositions, unitKeepMasks } from '../graph/channel-masks';
import { configValue } from '../model/layer-config';
import { KERAS_CLASS, layerDescriptor } from '../layers/registry';
import { validatePlan } from '../graph/pruning-plan';
import { validateSupported } from '../graph/supported-layers';
import type { ChannelGraph, PruningPlan } from '../graph/types';

/**
 * Physical channel removal (method.md §6): returns a new, smaller ModelSpec in which every pruned
 * channel is gone from its producer (kernel out-axis, bias, width in the config), from the
 * normalization vectors that follow it, and from every consumer's input axis (next kernel's
 * in-axis, depthwise channels, Dense rows after a Flatten, concat offsets). The input spec is
 * never mutated; weight tensors that do not change are shared with it.
 */
export function applyPruningPlan(
  spec: ModelSpec,
  graph: ChannelGraph,
  plan: PruningPlan,
): ModelSpec {
  validateSupported(spec);
  validatePlan(graph, plan);
  const flow = traceChannels(spec);
  checkGraphMatches(spec, flow, graph);
  const masks = unitKeepMasks(flow, graph, plan);
  const weights: Record<string, WeightTensor> = { ...spec.weights };
  const layers = spec.layers.map((layer) => pruneLayer(layer, spec, flow, masks, weights));
  return {
    ...spec,
    layers,
    weights,
    meta: { ...spec.meta, storedWeightDtypes: { ...spec.meta.storedWeightDtypes } },
  };
}

function checkGraphMatches(spec: ModelSpec, flow: ChannelFlow, graph: ChannelGraph): void {
  const same =
    flow.units.length === graph.units.length &&
    flow.units.every(
      (u, i) => u.producer === graph.units[i].producer && u.channels === graph.units[i].channels,
    );
  if (!same) {
    throw new LabError(
      'INVALID_ARGUMENT',
      `The channel graph was not built from model "${spec.name}"; rebuild it with buildChannelGraph.`,
    );
  }
}

function keptList(mask: Uint8Array): number[] {
  const kept: number[] = [];
  mask.forEach((m, i) => m && kept.push(i));
  return kept;
}

function pruneLayer(
  layer: LayerSpec,
  spec: ModelSpec,
  flow: ChannelFlow,
  masks: (Uint8Array | undefined)[],
  weights: Record<string, WeightTensor>,
): LayerSpec {
  const handler = layerDescriptor(layer.className);
  if (!handler?.role) return layer;
  let tensors = layer.weights.map((name) => spec.weights[name]);
  let config = layer.config;
  const inKept = layer.inbound.length
    ? keptPositions(flow.origins.get(layer.inbound[0]) ?? null, masks)
    : null;
  if (inKept && handler.pruneInChannels) tensors = handler.pruneInChannels(layer, tensors, inKept);
  const unitIndex = flow.chainOf.get(layer.name);
  const outMask =
    unitIndex !== undefined && flow.units[unitIndex].producer === layer.name
      ? masks[unitIndex]
      : undefined;
  if (outMask && handler.pruneOutChannels) {
    const pruned = handler.pruneOutChannels(layer, tensors, keptList(outMask));
    tensors = pruned.weights;
    config = pruned.config;
  }
  if (layer.className === KERAS_CLASS.Reshape && handler.role(layer) === 'flatten')
    config = flatReshapeConfig(layer, flow, masks);
  layer.weights.forEach((name, i) => (weights[name] = tensors[i]));
  return config === layer.config ? { ...layer, config: { ...config } } : { ...layer, config };
}

/** A rank-1 Reshape whose target length is explicit shrinks with the channels it flattens. */
function flatReshapeConfig(
  layer: LayerSpec,
  flow: ChannelFlow,
  masks: (Uint8Array | undefined)[],
): Record<string, unknown> {
  const target = configValue(layer, 'target_shape') as number[];
  const kept = keptPositions(flow.origins.get(layer.name) ?? null, masks);
  if (!kept || target[0] === -1) return layer.config;
  const key = layer.config.target_shape !== undefined ? 'target_shape' : 'targetShape';
  return { ...layer.config, [key]: [kept.length] };
}
