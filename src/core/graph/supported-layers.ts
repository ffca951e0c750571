import { LabError } from '../errors';
import type { LayerSpec, ModelSpec } from '../model/spec';
import { activationName, configValue, dataFormat } from '../model/layer-config';
import { KNOWN_ACTIVATIONS } from '../layers/activation-kinds';
import { isSupportedClass, layerDescriptor, supportedClassNames } from '../layers/registry';

/** One row of the UI's pre-flight list: can the lab restructure this layer, and if not, why. */
export interface LayerPreflight {
  name: string;
  className: string;
  restructurable: boolean;
  reason?: string;
}

interface Problem {
  code: 'UNSUPPORTED_LAYER' | 'UNKNOWN_ACTIVATION';
  message: string;
}

export function unsupportedLayerMessage(layer: LayerSpec): string {
  return (
    `Layer "${layer.name}" has class "${layer.className}", which the lab cannot restructure. ` +
    `Supported classes: ${supportedClassNames().join(', ')}.`
  );
}

function layerProblem(layer: LayerSpec): Problem | undefined {
  if (!isSupportedClass(layer.className))
    return { code: 'UNSUPPORTED_LAYER', message: unsupportedLayerMessage(layer) };
  if (dataFormat(layer) !== 'channels_last') {
    return {
      code: 'UNSUPPORTED_LAYER',
      message: `Layer "${layer.name}" uses data_format "${dataFormat(layer)}"; the lab supports channels_last only.`,
    };
  }
  const configProblem = layerDescriptor(layer.className)?.configProblem?.(layer);
  if (configProblem) return { code: 'UNSUPPORTED_LAYER', message: configProblem };
  if (configValue(layer, 'activation') !== undefined) {
    const name = activationName(layer);
    if (!KNOWN_ACTIVATIONS.includes(name)) {
      return {
        code: 'UNKNOWN_ACTIVATION',
        message: `Layer "${layer.name}" uses activation "${name}", which TensorFlow.js 4.22 does not know. Known activations: ${KNOWN_ACTIVATIONS.join(', ')}.`,
      };
    }
  }
  return undefined;
}

/** Throws the first problem found (UNSUPPORTED_LAYER or UNKNOWN_ACTIVATION); returns quietly otherwise. */
export function validateSupported(spec: ModelSpec): void {
  for (const layer of spec.layers) {
    const problem = layerProblem(layer);
    if (problem) throw new LabError(problem.code, problem.message);
  }
}

/** Lists every layer with whether the lab can restructure it; never throws for an unsupported layer. */
export function preflight(spec: ModelSpec): LayerPreflight[] {
  return spec.layers.map((layer) => {
    const problem = layerProblem(layer);
    const row: LayerPreflight = {
      name: layer.name,
      className: layer.className,
      restructurable: !problem,
    };
    if (problem) row.reason = problem.message;
    return row;
  });
}
