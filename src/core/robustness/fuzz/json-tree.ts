import type { Rng } from '../../random';

/**
 * Small helpers the JSON mutations share: seeded picks, and reading or replacing a value at a
 * path (a list of keys and indices) in a parsed model.json.
 */
export type JsonPath = Array<string | number>;
export type FileSet = Record<string, Uint8Array>;

export const pick = <T>(rng: Rng, items: readonly T[]): T =>
  items[Math.floor(rng() * items.length)];
export const randomInt = (rng: Rng, lo: number, hi: number): number =>
  lo + Math.floor(rng() * (hi - lo + 1));

/** The model JSON's file name in a seed set ('model.json' unless a mutation renamed it). */
export function jsonNameOf(files: FileSet): string | undefined {
  return Object.keys(files).find((k) => k.endsWith('.json'));
}

export function shardNamesOf(files: FileSet): string[] {
  return Object.keys(files).filter((k) => !k.endsWith('.json'));
}

/** Nesting of a JSON text (brackets outside strings are not told apart: an upper bound is enough). */
function bracketDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) max = Math.max(max, ++depth);
    else if (c === 0x5d || c === 0x7d) depth--;
  }
  return max;
}

/** Stack-bound JSON.parse/stringify must never see the deep texts made by `deep-nesting`. */
const MAX_EDITABLE_DEPTH = 100;

/**
 * Parses the set's model.json, or undefined when an earlier mutation broke it (or nested it
 * too deep to edit safely: such a case keeps its bytes as they are).
 */
export function readJson(files: FileSet): unknown {
  const name = jsonNameOf(files);
  if (name === undefined) return undefined;
  try {
    const text = new TextDecoder().decode(files[name]);
    return bracketDepth(text) > MAX_EDITABLE_DEPTH ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A placeholder string that `withJson` replaces by `depth` nested arrays (built as text, not recursively). */
export function deepMarker(depth: number): string {
  return `__fuzz_deep_${depth}__`;
}

export function withJson(files: FileSet, json: unknown): FileSet {
  const name = jsonNameOf(files) ?? 'model.json';
  const text = JSON.stringify(json).replace(
    /"__fuzz_deep_(\d+)__"/g,
    (_, d: string) => '['.repeat(Number(d)) + '1' + ']'.repeat(Number(d)),
  );
  return { ...files, [name]: new TextEncoder().encode(text) };
}

/** Every path in the tree (root excluded), depth-first; bounded so a deep seed stays cheap. */
export function allPaths(root: unknown, limit = 5000): JsonPath[] {
  const paths: JsonPath[] = [];
  const stack: Array<[unknown, JsonPath]> = [[root, []]];
  while (stack.length > 0 && paths.length < limit) {
    const [value, path] = stack.pop()!;
    if (path.length > 0) paths.push(path);
    if (typeof value !== 'object' || value === null) continue;
    const keys: Array<string | number> = Array.isArray(value)
      ? value.map((_, i) => i)
      : Object.keys(value);
    for (const key of keys)
      stack.push([(value as Record<string | number, unknown>)[key], [...path, key]]);
  }
  return paths;
}

/** Paths whose last key is one of `keys` (e.g. every `filters` in the topology). */
export function pathsEndingIn(root: unknown, keys: readonly string[]): JsonPath[] {
  return allPaths(root).filter((p) => keys.includes(String(p[p.length - 1])));
}

export function getAt(root: unknown, path: JsonPath): unknown {
  let value = root;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

/** Sets (or, with `remove`, deletes) the value at `path` in place; a no-op where the parent is gone. */
export function setAt(root: unknown, path: JsonPath, value: unknown, remove = false): void {
  const parent = getAt(root, path.slice(0, -1));
  if (typeof parent !== 'object' || parent === null) return;
  const key = path[path.length - 1];
  if (remove && Array.isArray(parent) && typeof key === 'number') parent.splice(key, 1);
  else if (remove) delete (parent as Record<string | number, unknown>)[key];
  // defineProperty, so a key such as "__proto__" becomes an own property that JSON.stringify writes.
  else
    Object.defineProperty(parent, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
}

/** The layer objects of a functional or Sequential topology (both wrappers), or []. */
export function layerListOf(json: unknown): Array<Record<string, unknown>> {
  const topology = getAt(json, ['modelTopology']);
  const modelConfig = getAt(topology, ['model_config']) ?? topology;
  const config = getAt(modelConfig, ['config']);
  const list = Array.isArray(config) ? config : getAt(config, ['layers']);
  return Array.isArray(list)
    ? (list.filter((l) => typeof l === 'object' && l !== null) as Array<Record<string, unknown>>)
    : [];
}

/** The weight entries of every manifest group, or []. */
export function manifestWeightsOf(json: unknown): Array<Record<string, unknown>> {
  const manifest = getAt(json, ['weightsManifest']);
  if (!Array.isArray(manifest)) return [];
  return manifest.flatMap((g) => {
    const weights = getAt(g, ['weights']);
    return Array.isArray(weights)
      ? (weights.filter((w) => typeof w === 'object' && w !== null) as Array<
          Record<string, unknown>
        >)
      : [];
  });
}
