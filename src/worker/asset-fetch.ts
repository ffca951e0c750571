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
  try {
    return await fetchOnce(url, what, 'default');
  } catch (e) {
    // Chromium can fail a large body with ERR_CACHE_WRITE_FAILURE while the service worker
    // precaches the same file on its first install; one retry that bypasses the HTTP cache
    // succeeds (seen with the 8.5 MB Fashion-MNIST asset in e2e/fashion-data.spec.ts).
    if (e instanceof LabError && e.message.includes(': HTTP ')) throw e;
    return fetchOnce(url, what, 'no-store');
  }
}

async function fetchOnce(url: string, what: string, cache: RequestCache): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url, { cache });
    if (response.ok) return new Uint8Array(await response.arrayBuffer());
  } catch (e) {
    throw new LabError(
      'FETCH_FAILED',
      `Could not fetch ${what} from "${url}" (${e instanceof Error ? e.message : String(e)}).`,
    );
  }
  throw new LabError(
    'FETCH_FAILED',
    `Could not fetch ${what} from "${url}": HTTP ${response.status}.`,
  );
}

/** model.json at `modelUrl` (http(s), relative to the page) plus the shards it names, within bounds. */
export async function fetchModelFiles(
  modelUrl: string,
  options: ModelFetchOptions = {},
): Promise<Record<string, Uint8Array>> {
  return fetchModelFilesAt(httpUrl(modelUrl, self.location.origin), options);
}
