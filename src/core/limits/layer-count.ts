import { LabError } from '../errors';
import { isRecord, type JsonRecord } from '../model/model-json';

/**
 * The deepest model the lab takes. Its own graph code is iterative (measured: a 5,000-layer
 * chain traces, infers shapes, runs and is cut, each step in under 2 s here), but TensorFlow.js 4.22
 * rebuilds a LayersModel recursively and overflows the stack between 2,000 and 5,000 layers
 * — and every export is checked by rebuilding it. Real image models stay far below (a
 * Keras ResNet-152 has ≈ 520 layers, EfficientNet-B7 ≈ 810).
 */
export const MAX_LAYERS = 2000;

function tooMany(count: number, jsonName: string): LabError {
  return new LabError(
    'FILE_TOO_LARGE',
    `The model in "${jsonName}" has ${count} layers; the lab refuses models with more than ${MAX_LAYERS} layers.`,
  );
}

/**
 * Counts the entries of every `layers` list (and a bare Keras 2.0 layer list) in the raw
 * topology, nested models included, without recursion; refuses more than MAX_LAYERS before
 * the topology is parsed.
 */
export function checkRawLayerCount(topology: JsonRecord, jsonName: string): void {
  let count = 0;
  const stack: unknown[] = [topology];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (const item of node) stack.push(item);
    } else if (isRecord(node)) {
      for (const [key, value] of Object.entries(node)) {
        const isLayerList =
          Array.isArray(value) && (key === 'layers' || (key === 'config' && value.every(isRecord)));
        if (isLayerList) count += value.length;
        if (typeof value === 'object' && value !== null) stack.push(value);
      }
    }
    if (count > MAX_LAYERS) throw tooMany(count, jsonName);
  }
}

/** The same limit on the parsed (flattened) layer list. */
export function checkLayerCount(layerCount: number, jsonName: string): void {
  if (layerCount > MAX_LAYERS) throw tooMany(layerCount, jsonName);
}
