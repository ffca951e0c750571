import { KERAS_CLASS } from '../layers/registry';
import type { ChannelGraph, PrunableUnit } from '../graph/types';
import { activationName, readNumber } from '../model/layer-config';
import type { LayerSpec, ModelSpec } from '../model/spec';
import type { ActivationImportanceKind } from './importance';

/**
 * Where L0 (the fraction of non-zero activations, 1 − APoZ) means something. After a ReLU most
 * values are exactly 0 and the frequency of non-zeros ranks channels; after BN, a linear conv or a
 * sigmoid almost nothing is exactly 0, so every channel scores ≈ 1 and the "ranking" is noise.
 * The reference computes the non-zero frequency only on ReLU outputs and falls back to |x| (L1)
 * elsewhere; the lab does the same and says which units fell back.
 */
const RELU_ACTIVATIONS = new Set(['relu', 'relu6']);

/** True when the layer's output is a plain ReLU's (negative inputs become exactly 0). */
function isReluLayer(layer: LayerSpec): boolean {
  if (layer.className === KERAS_CLASS.ReLU)
    return readNumber(layer, 'negative_slope', 0) === 0 && readNumber(layer, 'threshold', 0) >= 0;
  return RELU_ACTIVATIONS.has(activationName(layer));
}

/** True when the unit's measured tensor is a ReLU output (looking through dropout). */
export function measuresReluOutput(spec: ModelSpec, unit: PrunableUnit): boolean {
  const byName = new Map(spec.layers.map((l) => [l.name, l]));
  let layer = byName.get(unit.measurementLayer);
  while (layer?.className.includes(KERAS_CLASS.Dropout) && layer.inbound.length === 1)
    layer = byName.get(layer.inbound[0]);
  return layer !== undefined && isReluLayer(layer);
}

/** The statistic each unit really gets: 'l0' only on ReLU outputs, else 'l1'. */
export function effectiveKinds(
  spec: ModelSpec,
  graph: ChannelGraph,
  kind: ActivationImportanceKind,
): Map<string, ActivationImportanceKind> {
  return new Map(
    graph.units.map((u) => [u.id, kind === 'l0' && !measuresReluOutput(spec, u) ? 'l1' : kind]),
  );
}

/** The note that names the units where L0 fell back to L1, or null when none did. */
export function l0FallbackNote(
  graph: ChannelGraph,
  kinds: ReadonlyMap<string, ActivationImportanceKind>,
  requested: ActivationImportanceKind,
): string | null {
  if (requested !== 'l0') return null;
  const fellBack = graph.units.filter((u) => kinds.get(u.id) === 'l1').map((u) => u.id);
  if (!fellBack.length) return null;
  return `L0 counts non-zeros only on ReLU outputs; units not measured after a ReLU are scored by |x| (L1) instead, as the reference does: ${fellBack.join(', ')}.`;
}

/**
 * The statistic per measurement layer of the units in `groupIds` (others get `requested`), with
 * the fallback note for those units.
 */
export function layerKinds(
  spec: ModelSpec,
  graph: ChannelGraph,
  requested: ActivationImportanceKind,
  groupIds: readonly string[],
): ((layer: string) => ActivationImportanceKind) & { notes: string[] } {
  const relevant = { ...graph, units: graph.units.filter((u) => groupIds.includes(u.groupId)) };
  const kinds = effectiveKinds(spec, relevant, requested);
  const byLayer = new Map(relevant.units.map((u) => [u.measurementLayer, kinds.get(u.id)!]));
  const note = l0FallbackNote(relevant, kinds, requested);
  return Object.assign((layer: string) => byLayer.get(layer) ?? requested, {
    notes: note ? [note] : [],
  });
}
