import type { ModelSpec } from '../model/spec';

/** Names of `layer` and every layer it depends on. */
export function ancestorsOf(spec: ModelSpec, layer: string): Set<string> {
  const byName = new Map(spec.layers.map((l) => [l.name, l]));
  const seen = new Set<string>();
  const stack = [layer];
  while (stack.length) {
    const name = stack.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    stack.push(...(byName.get(name)?.inbound ?? []));
  }
  return seen;
}

/**
 * The part of the model that computes `lastLayer`, with `lastLayer` as its output: running it
 * skips every layer downstream, which keeps a rank-shift sweep to the layers it needs.
 * Weight tensors are shared with `spec`, never copied.
 */
export function truncateSpecAt(spec: ModelSpec, lastLayer: string): ModelSpec {
  const keep = ancestorsOf(spec, lastLayer);
  const layers = spec.layers.filter((l) => keep.has(l.name));
  const weights: ModelSpec['weights'] = {};
  for (const layer of layers) for (const name of layer.weights) weights[name] = spec.weights[name];
  return {
    ...spec,
    name: `${spec.name}[..${lastLayer}]`,
    layers,
    outputLayers: [lastLayer],
    weights,
  };
}
