import { LabError } from '../errors';
import type { LayerSpec } from '../model/spec';

/**
 * Typed readers for Keras layer configs. model.json stores snake_case keys
 * (`use_bias`); tfjs' in-memory `getConfig()` uses camelCase (`useBias`). Both are
 * accepted so that specs built either way run.
 */
function camelCase(key: string): string {
  return key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

export function configValue(layer: LayerSpec, key: string): unknown {
  const c = layer.config;
  if (c[key] !== undefined) return c[key];
  return c[camelCase(key)];
}

function invalid(layer: LayerSpec, key: string, what: string): LabError {
  return new LabError(
    'INVALID_MODEL',
    `Layer "${layer.name}" (${layer.className}) has an invalid "${key}" in its config: expected ${what}.`,
  );
}

export function readNumber(layer: LayerSpec, key: string, fallback: number): number {
  const v = configValue(layer, key);
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw invalid(layer, key, 'a number');
  return v;
}

export function readOptionalNumber(layer: LayerSpec, key: string): number | undefined {
  const v = configValue(layer, key);
  if (v === undefined || v === null) return undefined;
  return readNumber(layer, key, 0);
}

export function readBool(layer: LayerSpec, key: string, fallback: boolean): boolean {
  const v = configValue(layer, key);
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'boolean') throw invalid(layer, key, 'true or false');
  return v;
}

export function readString(layer: LayerSpec, key: string, fallback: string): string {
  const v = configValue(layer, key);
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'string') throw invalid(layer, key, 'a string');
  return v;
}

/** An int or [a, b] as a pair, e.g. kernel_size, strides, pool_size. */
export function readPair(layer: LayerSpec, key: string, fallback: [number, number]): [number, number] {
  const v = configValue(layer, key);
  if (v === undefined || v === null) return fallback;
  if (typeof v === 'number') return [v, v];
  if (Array.isArray(v) && v.length === 2 && v.every((e) => typeof e === 'number')) {
    return [v[0] as number, v[1] as number];
  }
  throw invalid(layer, key, 'an integer or a pair of integers');
}

export function readPadding(layer: LayerSpec): 'same' | 'valid' {
  const p = readString(layer, 'padding', 'valid');
  if (p !== 'same' && p !== 'valid') {
    throw new LabError('UNSUPPORTED', `Layer "${layer.name}" (${layer.className}) uses padding "${p}"; only "same" and "valid" are supported.`);
  }
  return p;
}

/** Refuses channels_first: the lab (and its channel graph) assumes channels last. */
export function assertChannelsLast(layer: LayerSpec): void {
  const f = readString(layer, 'data_format', 'channels_last');
  if (f !== 'channels_last' && f !== 'channelsLast') {
    throw new LabError('UNSUPPORTED', `Layer "${layer.name}" (${layer.className}) uses data_format "${f}"; only channels_last is supported.`);
  }
}

/** The activation name of a layer config ('linear' when absent). */
export function readActivationName(layer: LayerSpec, key = 'activation'): string {
  const v = configValue(layer, key);
  if (v === undefined || v === null) return 'linear';
  if (typeof v === 'string') return v;
  // Keras 3 may serialise an activation as {class_name, config: {name}}.
  const nested = (v as { config?: { name?: unknown } }).config?.name;
  if (typeof nested === 'string') return nested;
  throw invalid(layer, key, 'an activation name');
}
