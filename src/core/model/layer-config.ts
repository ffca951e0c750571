import { LabError } from '../errors';
import type { LayerSpec } from './spec';

/**
 * Typed readers for Keras layer configs, shared by the executor and the channel graph.
 * model.json stores snake_case keys (`use_bias`); a spec built from a live tfjs model carries
 * camelCase ones (`useBias`), so every read accepts both spellings.
 * Two flavours: read* throw LabError on a malformed value (the executor must not guess);
 * config* fall back to a default (the channel graph and preflight describe what they can).
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
export function readPair(
  layer: LayerSpec,
  key: string,
  fallback: [number, number],
): [number, number] {
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
    throw new LabError(
      'UNSUPPORTED',
      `Layer "${layer.name}" (${layer.className}) uses padding "${p}"; only "same" and "valid" are supported.`,
    );
  }
  return p;
}

/** Refuses channels_first: the lab (and its channel graph) assumes channels last. */
export function assertChannelsLast(layer: LayerSpec): void {
  const f = readString(layer, 'data_format', 'channels_last');
  if (f !== 'channels_last' && f !== 'channelsLast') {
    throw new LabError(
      'UNSUPPORTED',
      `Layer "${layer.name}" (${layer.className}) uses data_format "${f}"; only channels_last is supported.`,
    );
  }
}

/**
 * An activation config value as a name: a string as is; Keras 3 may serialise it as
 * {class_name, config: {name}}, older converters as {class_name}.
 */
function activationNameOf(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v !== 'object' || v === null) return undefined;
  const nested = (v as { config?: { name?: unknown } }).config?.name;
  if (typeof nested === 'string') return nested;
  const className = (v as { class_name?: unknown }).class_name;
  return typeof className === 'string' ? className : undefined;
}

/** The activation name of a layer config ('linear' when absent); throws when unreadable. */
export function readActivationName(layer: LayerSpec, key = 'activation'): string {
  const v = configValue(layer, key);
  if (v === undefined || v === null) return 'linear';
  const name = activationNameOf(v);
  if (name === undefined) throw invalid(layer, key, 'an activation name');
  return name;
}

/** Like readActivationName, but an unreadable value becomes its string form (never throws). */
export function activationName(layer: LayerSpec): string {
  const v = configValue(layer, 'activation');
  if (v == null) return 'linear';
  return activationNameOf(v) ?? String(v);
}

export function configNumber(layer: LayerSpec, key: string, fallback: number): number {
  const v = configValue(layer, key);
  return typeof v === 'number' ? v : fallback;
}

export function configBool(layer: LayerSpec, key: string, fallback: boolean): boolean {
  const v = configValue(layer, key);
  return typeof v === 'boolean' ? v : fallback;
}

/** A scalar or per-axis tuple config (kernel_size, strides, …) as a pair. */
export function configPair(layer: LayerSpec, key: string, fallback: number): [number, number] {
  const v = configValue(layer, key);
  if (typeof v === 'number') return [v, v];
  if (Array.isArray(v) && v.length >= 2) return [Number(v[0]), Number(v[1])];
  if (Array.isArray(v) && v.length === 1) return [Number(v[0]), Number(v[0])];
  return [fallback, fallback];
}

export function dataFormat(layer: LayerSpec): string {
  const v = configValue(layer, 'data_format');
  return typeof v === 'string' ? v : 'channels_last';
}
