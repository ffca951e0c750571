import type { ModelSpec } from '../model/spec';
import { KERAS_CLASS, layerDescriptor } from '../layers/registry';

/**
 * Output shape (no batch axis) of every layer, or null where it cannot be known
 * (an unsupported layer, or anything downstream of one).
 */
export function inferShapes(spec: ModelSpec): Map<string, number[] | null> {
  const shapes = new Map<string, number[] | null>();
  for (const layer of spec.layers) {
    const outputShape = layerDescriptor(layer.className)?.outputShape;
    if (layer.className === KERAS_CLASS.InputLayer) {
      const index = spec.inputLayers.indexOf(layer.name);
      shapes.set(layer.name, index >= 0 ? spec.inputShapes[index].slice() : null);
      continue;
    }
    const inputs = layer.inbound.map((name) => shapes.get(name) ?? null);
    if (!outputShape || inputs.length === 0 || inputs.some((s) => s === null)) {
      shapes.set(layer.name, null);
      continue;
    }
    shapes.set(layer.name, outputShape(layer, inputs as number[][]));
  }
  return shapes;
}
