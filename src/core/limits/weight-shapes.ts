import { LabError } from '../errors';
import { isSupportedClass, layerDescriptor, weightRolesOf } from '../layers/registry';
import type { ExpectedShape } from '../layers/types';
import type { LayerSpec, ModelSpec } from '../model/spec';
import { checkInferredShapes, checkLayerConfigNumbers } from './config-limits';
import { checkConfigRanges } from './keras-configs';

/**
 * Each weight must have the shape its layer's config and input imply. The manifest is
 * checked against the shard bytes, but nothing tied it to the topology: weights listed
 * under swapped names, or a config claiming other widths than the kernel, loaded and then
 * failed deep inside TensorFlow.js ("Shape mismatch") or in the executor. `null` in an
 * expected shape accepts any size (a depthwise multiplier is read from the kernel itself,
 * as tfjs 4.22 drops depth_multiplier from SeparableConv2D configs).
 */
type Expected = ExpectedShape;

/** Expected shapes by weight suffix, from the class's descriptor (input: no batch axis). */
function expectedShapes(
  layer: LayerSpec,
  input: number[],
  spec: ModelSpec,
): Record<string, Expected> | undefined {
  return layerDescriptor(layer.className)?.weightShapes?.(layer, input, spec);
}

const matches = (shape: number[], expected: Expected): boolean =>
  shape.length === expected.length && expected.every((d, i) => d === null || d === shape[i]);

const text = (shape: Expected): string =>
  `[${shape.map((d) => (d === null ? '?' : d)).join(', ')}]`;

function checkLayerWeights(
  layer: LayerSpec,
  input: number[] | null | undefined,
  spec: ModelSpec,
  jsonName: string,
): void {
  if (!input || layer.inbound.length !== 1) return;
  const expected = expectedShapes(layer, input, spec);
  if (!expected) return;
  for (const [suffix, shape] of Object.entries(expected)) {
    const name = `${layer.name}/${suffix}`;
    const weight = layer.weights.includes(name) ? spec.weights[name] : undefined;
    if (!weight || matches(weight.shape, shape)) continue;
    throw new LabError(
      'INVALID_MODEL',
      `Layer "${layer.name}" (${layer.className}) in "${jsonName}" has weight "${name}" of shape ${text(weight.shape)}, but its config and input shape ${text(input)} need ${text(shape)}.`,
    );
  }
}

/**
 * A class the lab knows takes exactly the weights Keras gives it: tfjs refuses a weight with no
 * variable to receive it ("Provided weight data has no target variable"), after decoding them all.
 */
function checkWeightNames(layer: LayerSpec, jsonName: string): void {
  if (!isSupportedClass(layer.className)) return;
  const expected = (weightRolesOf(layer.className, layer.config) ?? []).map(
    (s) => `${layer.name}/${s}`,
  );
  const extra = layer.weights.find((w) => !expected.includes(w));
  if (extra === undefined) return;
  throw new LabError(
    'INVALID_MODEL',
    `The weightsManifest of "${jsonName}" lists weight "${extra}" for layer "${layer.name}" (${layer.className}), which has ${expected.length === 0 ? 'no weights' : `only ${expected.map((w) => `"${w}"`).join(', ')}`}.`,
  );
}

/**
 * The loader's last check: config numbers in range, no weights a layer cannot take, inferred
 * shapes sane, weights of the shapes the layers need. Throws INVALID_MODEL naming the layer and the file.
 */
export function checkModelLimits(spec: ModelSpec, jsonName: string): void {
  for (const layer of spec.layers) {
    checkLayerConfigNumbers(layer, jsonName);
    checkConfigRanges(layer, jsonName);
    checkWeightNames(layer, jsonName);
  }
  const shapes = checkInferredShapes(spec, jsonName);
  for (const layer of spec.layers)
    checkLayerWeights(layer, shapes.get(layer.inbound[0]), spec, jsonName);
}
