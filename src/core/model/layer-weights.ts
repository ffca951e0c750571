import { LabError } from '../errors';
import { weightRolesOf } from '../layers/registry';
import type { TopologyLayer } from './topology-order';

/**
 * Which manifest weights belong to which layer. tfjs names a weight `<layer>/<weight>`
 * (e.g. `conv1/kernel`) and matches on that name when loading, so ownership is by the
 * longest layer-name prefix. For the layer classes whose weights we know (their descriptor's
 * weightRoles), the weights the config implies must all be present, and come in Keras order.
 */
export interface WeightAssignment {
  byLayer: Map<string, string[]>;
  /** Manifest weights that belong to no layer (tfjs would refuse them; we drop them). */
  orphans: string[];
}

export function assignWeightsToLayers(
  layers: TopologyLayer[],
  manifestNames: string[],
  jsonName: string,
): WeightAssignment {
  const owned = new Map<string, string[]>(layers.map((l) => [l.name, []]));
  const orphans: string[] = [];
  for (const weightName of manifestNames) {
    const owner = ownerOf(weightName, owned);
    if (owner === undefined) orphans.push(weightName);
    else owned.get(owner)!.push(weightName);
  }
  const byLayer = new Map<string, string[]>();
  for (const layer of layers)
    byLayer.set(layer.name, orderedWeights(layer, owned.get(layer.name)!, jsonName));
  return { byLayer, orphans };
}

function ownerOf(weightName: string, layers: Map<string, string[]>): string | undefined {
  for (let cut = weightName.lastIndexOf('/'); cut > 0; cut = weightName.lastIndexOf('/', cut - 1)) {
    const candidate = weightName.slice(0, cut);
    if (layers.has(candidate)) return candidate;
  }
  return undefined;
}

function orderedWeights(layer: TopologyLayer, names: string[], jsonName: string): string[] {
  const required = weightRolesOf(layer.className, layer.config);
  if (!required) return names;
  const ordered = required.map((suffix) => {
    const full = `${layer.name}/${suffix}`;
    if (!names.includes(full)) {
      throw new LabError(
        'WEIGHTS_MISSING',
        `Layer "${layer.name}" (${layer.className}) needs weight "${full}", but the weightsManifest of "${jsonName}" does not list it.`,
      );
    }
    return full;
  });
  return [...ordered, ...names.filter((n) => !ordered.includes(n))];
}
