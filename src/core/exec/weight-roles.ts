import { LabError } from '../errors';
import type { LayerSpec, ModelSpec } from '../model/spec';
import { readBool } from '../model/layer-config';
import { weightRolesOf } from '../layers/registry';

/**
 * Maps a layer's weight names to roles ('kernel', 'bias', 'gamma', …). tfjs and Keras
 * name weights `<layer>/<role>` (sometimes with a ':0' suffix), which is used when every
 * name matches; otherwise the Keras weight order for the class decides (checked against
 * the count implied by use_bias / center / scale).
 */
function expectedRoles(layer: LayerSpec): string[] {
  // The class's descriptor names the weights; flags are read here so that
  // camelCase configs (specs built from live tfjs models) count too.
  const flags = {
    use_bias: readBool(layer, 'use_bias', true),
    scale: readBool(layer, 'scale', true),
    center: readBool(layer, 'center', true),
  };
  return weightRolesOf(layer.className, flags) ?? [];
}

/** Roles that hold state rather than parameters: never trained by the optimizer. */
export const STATE_ROLES: ReadonlySet<string> = new Set(['moving_mean', 'moving_variance']);

export function roleFromWeightName(weightName: string): string {
  const last = weightName.split('/').pop() ?? weightName;
  return last.replace(/:\d+$/, '');
}

/** role → full weight name for one layer. */
export function mapWeightRoles(spec: ModelSpec, layer: LayerSpec): Map<string, string> {
  const expected = expectedRoles(layer);
  if (layer.weights.length !== expected.length) {
    throw new LabError(
      'WEIGHTS_MISSING',
      `Layer "${layer.name}" (${layer.className}) has ${layer.weights.length} weights; expected ${expected.length}${expected.length ? ` (${expected.join(', ')})` : ''}.`,
    );
  }
  for (const w of layer.weights) {
    if (!spec.weights[w]) {
      throw new LabError(
        'WEIGHTS_MISSING',
        `Weight "${w}" of layer "${layer.name}" is missing from the model's weights.`,
      );
    }
  }
  const named = layer.weights.map(roleFromWeightName);
  const byName = expected.every((r) => named.includes(r)) && new Set(named).size === named.length;
  const roles = new Map<string, string>();
  layer.weights.forEach((w, i) => roles.set(byName ? named[i] : expected[i], w));
  return roles;
}
