import type { ModelSpec } from '../model/spec';
import { buildChannelGraph } from './channel-graph';
import { inferShapes } from './shape-inference';
import { preflight } from './supported-layers';
import type { ChannelGraph } from './types';

/** What `prune-lab inspect` prints: the model's shape, size, layers and channel groups. */
export interface ModelInspection {
  format: string;
  inputShape: number[];
  outputShape: number[] | null;
  params: number;
  /** Weight bytes as stored in the model's weight files (per each weight's stored dtype). */
  weightBytes: number;
  layers: { name: string; className: string; params: number; outChannels: number | null }[];
  groups: {
    id: string;
    members: string[];
    channels: number;
    prunable: boolean;
    measurementLayer: string;
    measurementLayers: string[];
    reason?: string;
  }[];
  unsupported: { name: string; className: string; reason: string }[];
  /** Implausible weight values found on load (|w| > 1e6, all-zero layers). */
  warnings: string[];
  /** Remarks from loading (config fields ignored, weights converted). */
  notes: string[];
}

const STORED_BYTES: Record<string, number> = {
  float32: 4,
  int32: 4,
  uint16: 2,
  float16: 2,
  uint8: 1,
};

/** Bytes the weights take in their stored dtypes (float32 where the spec records none). */
export function storedWeightBytes(spec: ModelSpec): number {
  let total = 0;
  for (const [name, w] of Object.entries(spec.weights)) {
    total += w.data.length * (STORED_BYTES[spec.meta.storedWeightDtypes[name]] ?? 4);
  }
  return total;
}

function groupRows(graph: ChannelGraph): ModelInspection['groups'] {
  const units = new Map(graph.units.map((u) => [u.id, u]));
  return graph.groups.map((g) => {
    const measurementLayers = g.units.map((id) => units.get(id)!.measurementLayer);
    return {
      id: g.id,
      members: g.units.slice(),
      channels: g.channels,
      prunable: g.prunable,
      measurementLayer: measurementLayers[0],
      measurementLayers,
      ...(g.reason !== undefined && { reason: g.reason }),
    };
  });
}

export function inspectModel(
  spec: ModelSpec,
  graph: ChannelGraph = buildChannelGraph(spec),
): ModelInspection {
  const shapes = inferShapes(spec);
  const layers = spec.layers.map((l) => {
    const shape = shapes.get(l.name) ?? null;
    return {
      name: l.name,
      className: l.className,
      params: l.weights.reduce((sum, w) => sum + spec.weights[w].data.length, 0),
      outChannels: shape ? shape[shape.length - 1] : null,
    };
  });
  return {
    format: spec.meta.sourceFormat,
    inputShape: spec.inputShapes[0],
    outputShape: shapes.get(spec.outputLayers[0]) ?? null,
    params: layers.reduce((sum, l) => sum + l.params, 0),
    weightBytes: storedWeightBytes(spec),
    layers,
    groups: groupRows(graph),
    unsupported: preflight(spec)
      .filter((r) => !r.restructurable)
      .map((r) => ({ name: r.name, className: r.className, reason: r.reason ?? '' })),
    warnings: [...(spec.meta.warnings ?? [])],
    notes: [...(spec.meta.notes ?? [])],
  };
}
