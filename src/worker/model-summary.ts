import { buildChannelGraph } from '../core/graph/channel-graph';
import { preflight } from '../core/graph/supported-layers';
import type { ChannelGraph } from '../core/graph/types';
import { nestingTree } from '../core/model/nesting-tree';
import { countParams, type LayerSpec, type ModelSpec } from '../core/model/spec';
import { dataFreeEstimates, type ExportEstimate } from '../core/footprint/export-estimate';
import type { InputSizes } from '../core/footprint/input-bytes';
import type { LayerNode, ModelSummary } from '../protocol/engine-types';

const BYTES_PER_STORED_VALUE: Record<string, number> = {
  float32: 4,
  int32: 4,
  uint16: 2,
  float16: 2,
  uint8: 1,
};
const QUANTIZED_DTYPES = new Set(['uint8', 'uint16', 'float16']);

/** Bytes of the weights in the dtypes they were stored in when the model was loaded. */
export function storedWeightBytes(spec: ModelSpec): number {
  let sizeBytes = 0;
  for (const [name, w] of Object.entries(spec.weights)) {
    sizeBytes +=
      w.data.length *
      (BYTES_PER_STORED_VALUE[spec.meta.storedWeightDtypes[name] ?? 'float32'] ?? 4);
  }
  return sizeBytes;
}

export function quantizedWeightsNote(spec: ModelSpec): string | null {
  const counts = new Map<string, number>();
  for (const dtype of Object.values(spec.meta.storedWeightDtypes)) {
    if (QUANTIZED_DTYPES.has(dtype)) counts.set(dtype, (counts.get(dtype) ?? 0) + 1);
  }
  if (counts.size === 0) return null;
  const parts = [...counts].map(([dtype, n]) => `${n} as ${dtype}`).join(', ');
  return `Weights arrived quantized (${parts}); TensorFlow.js dequantizes them to float32 on load, so the lab starts from those float values.`;
}

/** The input's bytes and stored dtype, and the data-free export sizes estimated against them. */
export function withInputSizes(
  summary: ModelSummary,
  spec: ModelSpec,
  input: InputSizes,
): ModelSummary {
  let sizeEstimates: ExportEstimate[] = [];
  try {
    sizeEstimates = dataFreeEstimates(spec, input.modelJsonBytes);
  } catch {
    // A model whose kernels cannot be planned gets no estimate; the run will say why.
  }
  return {
    ...summary,
    input: {
      fileBytes: input.fileBytes,
      gzipBytes: input.gzipBytes,
      storedDtype: input.storedDtype,
    },
    sizeEstimates,
  };
}

/** A graph the summary can show even when channel tracing fails on an odd model. */
function safeGraph(spec: ModelSpec): ChannelGraph {
  try {
    return buildChannelGraph(spec);
  } catch {
    return { units: [], groups: [] };
  }
}

function layerNode(layer: LayerSpec): LayerNode {
  const activation = layer.config.activation;
  const fused = typeof activation === 'string' && activation !== 'linear' ? activation : null;
  return {
    name: layer.name,
    className: layer.className,
    inbound: [...layer.inbound],
    ...(fused ? { activation: fused } : {}),
  };
}

export function summarizeModel(spec: ModelSpec, origin: string): ModelSummary {
  const graph = safeGraph(spec);
  return {
    name: spec.name,
    origin,
    layers: spec.layers.length,
    ...(spec.meta.sourceSummary !== undefined && { sourceSummary: spec.meta.sourceSummary }),
    groups: graph.groups.map((g) => ({ ...g, units: [...g.units] })),
    units: graph.units.map((u) => ({
      id: u.id,
      groupId: u.groupId,
      producerClass: u.producerClass,
      channels: u.channels,
      followers: [...u.followers],
    })),
    channels: graph.units.reduce((sum, u) => sum + u.channels, 0),
    params: countParams(spec),
    weightBytes: storedWeightBytes(spec),
    inputShape: [...(spec.inputShapes[0] ?? [])],
    quantizedWeightsNote: quantizedWeightsNote(spec),
    warnings: [...(spec.meta.warnings ?? [])],
    preflight: preflight(spec),
    topology: spec.layers.map(layerNode),
    nesting: nestingTree(spec),
  };
}
