/**
 * A model from a URL: its JSON, then every shard its manifest names — resolved against the
 * model's URL and confined to its origin, so a shared link cannot send the page to other hosts.
 * Byte caps are the drop zone's (64 MiB JSON, 512 MiB of weight files together).
 */
import { LabError } from '../core/errors';
import {
  formatMiB,
  MAX_MODEL_JSON_FILE_BYTES,
  MAX_WEIGHT_FILES_BYTES,
} from '../core/limits/file-limits';
import { DEFAULT_IDLE_TIMEOUT_MS, fetchBounded } from './bounded-fetch';

export interface ModelFetchOptions {
  signal?: AbortSignal;
  idleTimeoutMs?: number;
}

/** The shard paths a model.json names, or [] when it is not a readable manifest. */
export function manifestPaths(modelJsonBytes: Uint8Array): string[] {
  try {
    const json = JSON.parse(new TextDecoder().decode(modelJsonBytes)) as {
      weightsManifest?: { paths?: unknown }[];
    };
    const groups = Array.isArray(json.weightsManifest) ? json.weightsManifest : [];
    return groups.flatMap((g) =>
      Array.isArray(g.paths) ? g.paths.filter((p): p is string => typeof p === 'string') : [],
    );
  } catch {
    return [];
  }
}

/** Each manifest path resolved against the model URL; one on another origin is refused by name. */
export function shardUrls(paths: string[], modelUrl: URL): URL[] {
  return paths.map((p) => {
    const url = new URL(p, modelUrl);
    if (url.origin !== modelUrl.origin) {
      throw new LabError(
        'URL_REFUSED',
        `Weight file "${p}" of the model at "${modelUrl.href}" lies on another origin (${url.origin}); the lab fetches weight files only from the model's origin, ${modelUrl.origin}.`,
      );
    }
    return url;
  });
}

export async function fetchModelFilesAt(
  modelUrl: URL,
  options: ModelFetchOptions = {},
): Promise<Record<string, Uint8Array>> {
  const common = {
    signal: options.signal,
    idleTimeoutMs: options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
  };
  const jsonBytes = await fetchBounded(modelUrl.href, {
    ...common,
    what: 'the model JSON',
    maxBytes: MAX_MODEL_JSON_FILE_BYTES,
    limitText: `the lab refuses a model JSON over ${formatMiB(MAX_MODEL_JSON_FILE_BYTES)}`,
  });
  const files: Record<string, Uint8Array> = { 'model.json': jsonBytes };
  const paths = manifestPaths(jsonBytes);
  const urls = shardUrls(paths, modelUrl);
  let leftBytes = MAX_WEIGHT_FILES_BYTES;
  for (let i = 0; i < paths.length; i++) {
    const bytes = await fetchBounded(urls[i].href, {
      ...common,
      what: `weight file "${paths[i]}"`,
      maxBytes: leftBytes,
      limitText: `the lab refuses weight files over ${formatMiB(MAX_WEIGHT_FILES_BYTES)} together (${leftBytes} bytes were left for this one)`,
    });
    leftBytes -= bytes.length;
    files[paths[i]] = bytes;
  }
  return files;
}
