import { inferShapes } from '../../src/core/graph/shape-inference';
import type { Rng } from '../../src/core/random';
import type { LayerSpec, ModelSpec, WeightTensor } from '../../src/core/model/spec';

/**
 * Test support: splices new layers into a ModelSpec right after a chosen layer, re-pointing that
 * layer's consumers to the new one. The property tests of PReLU, SpatialDropout2D and
 * Cropping2D use it on the seeded random models (random-models.ts), so the new classes land on
 * producers, followers, residual branches and concatenations alike.
 */
export interface Insertion {
  /** Layers in call order; the first reads `after`, each next one reads the previous. */
  layers: Omit<LayerSpec, 'inbound'>[];
  weights: Record<string, WeightTensor>;
}

export function insertAfter(spec: ModelSpec, after: string, insertion: Insertion): ModelSpec {
  const added: LayerSpec[] = insertion.layers.map((layer, i) => ({
    ...layer,
    inbound: [i === 0 ? after : insertion.layers[i - 1].name],
  }));
  const tail = added[added.length - 1].name;
  const repoint = (layer: LayerSpec): LayerSpec => ({
    ...layer,
    inbound: layer.inbound.map((name) => (name === after ? tail : name)),
  });
  const at = spec.layers.findIndex((l) => l.name === after);
  return {
    ...spec,
    layers: [...spec.layers.slice(0, at + 1), ...added, ...spec.layers.slice(at + 1).map(repoint)],
    outputLayers: spec.outputLayers.map((name) => (name === after ? tail : name)),
    weights: { ...spec.weights, ...insertion.weights },
  };
}

/** Names of layers with a [H, W, C] output that is not a model output (insertion points). */
export function spatialLayers(spec: ModelSpec): string[] {
  const shapes = inferShapes(spec);
  return spec.layers
    .filter((l) => shapes.get(l.name)?.length === 3 && !spec.outputLayers.includes(l.name))
    .map((l) => l.name);
}

/** A weight of `shape` with values uniform in [lo, hi). */
export function randomWeight(rng: Rng, shape: number[], lo: number, hi: number): WeightTensor {
  const size = shape.reduce((a, b) => a * b, 1);
  return { shape, data: Float32Array.from({ length: size }, () => lo + (hi - lo) * rng()) };
}

/** Inserts `count` layers made by `make` after distinct random spatial layers. */
export function insertRandomly(
  spec: ModelSpec,
  rng: Rng,
  count: number,
  make: (name: string, shape: number[]) => Insertion,
): ModelSpec {
  let next = spec;
  const candidates = spatialLayers(spec);
  for (let i = 0; i < count && candidates.length > 0; i++) {
    const [after] = candidates.splice(Math.floor(rng() * candidates.length), 1);
    const shape = inferShapes(next).get(after) as number[];
    next = insertAfter(next, after, make(`inserted_${i}`, shape));
  }
  return next;
}
