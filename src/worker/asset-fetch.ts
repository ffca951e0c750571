/// <reference lib="webworker" />
/**
 * Fetching the lab's own files (demo models, the MNIST asset) and user-given model URLs
 * from inside the worker. Relative paths resolve against the page's base, not the worker
 * script's folder.
 */
import { LabError } from '../core/errors';
import { httpUrl } from './bounded-fetch';
import { fetchModelFilesAt, type ModelFetchOptions } from './model-fetch';

export function appUrl(path: string): string {
  const base = import.meta.env.BASE_URL ?? '/';
  return new URL(`${base}${path}`, self.location.origin).href;
}

export async function fetchBytes(url: string, what: string): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (e) {
    throw new LabError(
      'INVALID_ARGUMENT',
      `Could not fetch ${what} from "${url}" (${e instanceof Error ? e.message : String(e)}).`,
    );
  }
  if (!response.ok) {
    throw new LabError(
      'INVALID_ARGUMENT',
      `Could not fetch ${what} from "${url}": HTTP ${response.status}.`,
    );
  }
  return new Uint8Array(await response.arrayBuffer());
}

/** model.json at `modelUrl` (http(s), relative to the page) plus the shards it names, within bounds. */
export async function fetchModelFiles(
  modelUrl: string,
  options: ModelFetchOptions = {},
): Promise<Record<string, Uint8Array>> {
  return fetchModelFilesAt(httpUrl(modelUrl, self.location.origin), options);
}
