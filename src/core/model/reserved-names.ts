import { LabError } from '../errors';
import type { LayerSpec } from './spec';

/**
 * Layer names that are also members of every JavaScript object. The lab keys plans, scores,
 * masks and reports by layer name, and a plain object answers `plan["toString"]` with a
 * function, so such a name would reach code as something it is not. Real Keras and tfjs
 * models never use them (Keras names layers after their class); they are refused at load
 * with a message that says what to do, so no later lookup can see them.
 */
export const RESERVED_LAYER_NAMES: ReadonlySet<string> = new Set([
  '__proto__',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
  'constructor',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'prototype',
  'toLocaleString',
  'toString',
  'valueOf',
]);

/** Throws INVALID_MODEL for the first layer whose name is reserved. */
export function checkLayerNames(
  layers: Pick<LayerSpec, 'name' | 'className'>[],
  fileName: string,
): void {
  for (const layer of layers) {
    if (!RESERVED_LAYER_NAMES.has(layer.name)) continue;
    throw new LabError(
      'INVALID_MODEL',
      `Layer "${layer.name}" (${layer.className}) in "${fileName}" is named like a built-in property of JavaScript objects, which the lab cannot use as a layer name; rename the layer (for example to "${layer.name}_1").`,
    );
  }
}
