import { LabError } from '../errors';
import { isSupportedClass, layerDescriptor } from '../layers/registry';
import { inferShapes } from '../graph/shape-inference';
import { concatAxis } from '../layers/shapes';
import type { LayerSpec, ModelSpec } from '../model/spec';

/**
 * Sanity limits on what a model.json claims about its layers, checked by the loader before
 * anything sizes an array from them: a Dense layer claiming 10⁹ units, a dilation of 10⁶ or a
 * width of `1e999` (Infinity) would otherwise make channel tracing allocate gigabytes or throw
 * a RangeError. Only classes the lab knows are checked (unknown ones are refused later, by name).
 */
export const MAX_LAYER_WIDTH = 2 ** 20;
export const MAX_WINDOW = 2 ** 16;
/** Values in one layer output for one example (2²⁶ floats = 256 MiB): no image model comes near. */
export const MAX_ACTIVATION_ELEMENTS = 2 ** 26;

interface NumberRule {
  min: number;
  max: number;
  /** Also accept -1 (Reshape's inferred dimension). */
  allowMinusOne?: boolean;
  /** Also accept strings ('same' / 'valid' padding). */
  allowString?: boolean;
  /** Only a list (or null) is accepted, never a bare number. */
  listOnly?: boolean;
}

const RULES: Record<string, NumberRule> = {
  filters: { min: 1, max: MAX_LAYER_WIDTH },
  units: { min: 1, max: MAX_LAYER_WIDTH },
  kernel_size: { min: 1, max: MAX_WINDOW },
  strides: { min: 1, max: MAX_WINDOW },
  pool_size: { min: 1, max: MAX_WINDOW },
  size: { min: 1, max: MAX_WINDOW },
  dilation_rate: { min: 1, max: MAX_WINDOW },
  depth_multiplier: { min: 1, max: MAX_WINDOW },
  padding: { min: 0, max: MAX_WINDOW, allowString: true },
  target_shape: { min: 1, max: MAX_ACTIVATION_ELEMENTS, allowMinusOne: true, listOnly: true },
};

const camel = (key: string): string =>
  key.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase());

function fitsRule(value: unknown, rule: NumberRule, depth = 0): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return rule.allowString === true;
  if (Array.isArray(value)) return depth < 2 && value.every((v) => fitsRule(v, rule, depth + 1));
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) return false;
  return (value >= rule.min && value <= rule.max) || (rule.allowMinusOne === true && value === -1);
}

function describe(value: unknown): string {
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

export function checkLayerConfigNumbers(layer: LayerSpec, jsonName: string): void {
  if (!isSupportedClass(layer.className)) return;
  for (const [key, rule] of Object.entries(RULES)) {
    for (const spelling of new Set([key, camel(key)])) {
      if (!Object.hasOwn(layer.config, spelling)) continue;
      const value = layer.config[spelling];
      if (fitsRule(value, rule) && !(rule.listOnly && typeof value === 'number')) continue;
      const range = `${rule.allowMinusOne ? '-1 or ' : ''}integers from ${rule.min} to ${rule.max}`;
      throw new LabError(
        'INVALID_MODEL',
        `Layer "${layer.name}" in "${jsonName}" has ${spelling} ${describe(value)}; the lab accepts ${range}${rule.allowString ? ' (or a padding name)' : ''}.`,
      );
    }
  }
}

const elementsOf = (shape: number[]): number => shape.reduce((a, b) => a * b, 1);
const shapeText = (shape: readonly unknown[]): string =>
  `[${shape.map((d) => describe(d)).join(', ')}]`;

function shapeProblem(
  layer: LayerSpec,
  shape: number[],
  inputs: (number[] | null)[],
): string | undefined {
  if (!shape.every((d) => Number.isSafeInteger(d) && d > 0))
    return `has output shape ${shapeText(shape)}, which is not a list of positive integers`;
  if (elementsOf(shape) > MAX_ACTIVATION_ELEMENTS)
    return `outputs ${elementsOf(shape)} values per example, more than the lab's limit of ${MAX_ACTIVATION_ELEMENTS}`;
  const known = inputs.filter((s): s is number[] => s !== null);
  if (known.length !== inputs.length) return undefined;
  const role = layerDescriptor(layer.className)?.role?.(layer);
  if (role === 'flatten' && known.length === 1 && elementsOf(known[0]) !== elementsOf(shape)) {
    return `reshapes ${elementsOf(known[0])} values into shape ${shapeText(shape)}`;
  }
  if (role === 'add' && known.some((s) => shapeText(s) !== shapeText(known[0]))) {
    return `adds tensors of different shapes ${known.map(shapeText).join(' and ')}`;
  }
  if (role === 'concat' && known.length > 0) {
    const axis = concatAxis(layer, known[0].length);
    const rest = (s: number[]) => shapeText(s.filter((_, i) => i !== axis));
    if (
      axis < 0 ||
      axis >= known[0].length ||
      known.some((s) => s.length !== known[0].length || rest(s) !== rest(known[0]))
    ) {
      return `concatenates tensors of shapes ${known.map(shapeText).join(' and ')} along axis ${describe(layer.config.axis ?? -1)}`;
    }
  }
  return undefined;
}

/** Every inferred layer output must be a positive-integer shape of bounded size that its operation allows. */
export function checkInferredShapes(
  spec: ModelSpec,
  jsonName: string,
): Map<string, number[] | null> {
  const shapes = inferShapes(spec);
  for (const layer of spec.layers) {
    const shape = shapes.get(layer.name);
    if (!shape) continue;
    const problem = shapeProblem(
      layer,
      shape,
      layer.inbound.map((n) => shapes.get(n) ?? null),
    );
    if (problem)
      throw new LabError(
        'INVALID_MODEL',
        `Layer "${layer.name}" (${layer.className}) in "${jsonName}" ${problem}.`,
      );
  }
  return shapes;
}
