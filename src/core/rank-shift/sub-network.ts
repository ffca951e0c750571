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
  return truncateSpecToLayers(spec, [lastLayer]);
}

/**
 * The part of the model that computes every layer in `needed` (the executor runs all of them;
 * the first one is the nominal output). Weight tensors are shared with `spec`, never copied.
 */
export function truncateSpecToLayers(spec: ModelSpec, needed: readonly string[]): ModelSpec {
  const keep = new Set<string>();
  for (const name of needed) for (const a of ancestorsOf(spec, name)) keep.add(a);
  const layers = spec.layers.filter((l) => keep.has(l.name));
  const weights: ModelSpec['weights'] = {};
  for (const layer of layers) for (const name of layer.weights) weights[name] = spec.weights[name];
  return {
    ...spec,
    name: `${spec.name}[..${needed.join(', ')}]`,
    layers,
    outputLayers: [needed[0]],
    weights,
  };
}
