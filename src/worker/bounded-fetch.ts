/**
 * Fetching bytes a link asked for, with bounds: only http(s), a byte cap checked against
 * Content-Length before reading and again while streaming, a timeout when the server goes
 * quiet, and the caller's cancel. No worker or DOM globals, so Node tests run it as is.
 */
import { LabError } from '../core/errors';

export interface FetchBounds {
  /** What is fetched, for messages: `the model JSON`, `weight file "w.bin"`. */
  what: string;
  /** Refuse (and stop reading) beyond this many bytes. */
  maxBytes: number;
  /** The limit as a clause for messages: `the lab refuses a model JSON over 64.0 MiB`. */
  limitText: string;
  /** Give up when no byte arrives for this long. */
  idleTimeoutMs: number;
  /** The user's cancel. */
  signal?: AbortSignal;
}

export const DEFAULT_IDLE_TIMEOUT_MS = 30_000;

/** The URL as given, parsed against `base`; anything but http(s) is refused by name. */
export function httpUrl(url: string, base: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url, base);
  } catch {
    throw new LabError('URL_REFUSED', `"${url}" is not a URL the lab can fetch a model from.`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new LabError(
      'URL_REFUSED',
      `The model URL "${url}" is not http or https; the lab fetches models only over http(s).`,
    );
  }
  return parsed;
}

function tooLarge(bounds: FetchBounds, url: string, how: string): LabError {
  return new LabError(
    'FILE_TOO_LARGE',
    `${capitalised(bounds.what)} at "${url}" ${how}; ${bounds.limitText}.`,
  );
}

function capitalised(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Aborts when the user cancels or no progress was reported for `idleMs`. */
class Watch {
  readonly controller = new AbortController();
  timedOut = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly onCancel = () => this.controller.abort();

  constructor(
    private readonly idleMs: number,
    private readonly signal?: AbortSignal,
  ) {
    if (signal?.aborted) this.controller.abort();
    signal?.addEventListener('abort', this.onCancel);
    this.progress();
  }

  progress(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort();
    }, this.idleMs);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.signal?.removeEventListener('abort', this.onCancel);
  }
}

function abortError(watch: Watch, bounds: FetchBounds, url: string): LabError {
  if (watch.timedOut) {
    return new LabError(
      'TIMEOUT',
      `${capitalised(bounds.what)} at "${url}" sent nothing for ${bounds.idleTimeoutMs / 1000} s; the lab stopped waiting.`,
    );
  }
  return new LabError('CANCELLED', `Loading ${bounds.what} from "${url}" was cancelled.`);
}

async function readCapped(
  response: Response,
  bounds: FetchBounds,
  url: string,
  watch: Watch,
): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > bounds.maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge(bounds, url, `is ${declared} bytes by its Content-Length`);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array(0);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    watch.progress();
    total += value.length;
    if (total > bounds.maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(
        bounds,
        url,
        `sent more than ${bounds.maxBytes} bytes (the lab stopped reading)`,
      );
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    bytes.set(c, offset);
    offset += c.length;
  }
  return bytes;
}

/** The body at `url` (already checked to be http(s)), within `bounds`. */
export async function fetchBounded(url: string, bounds: FetchBounds): Promise<Uint8Array> {
  const watch = new Watch(bounds.idleTimeoutMs, bounds.signal);
  try {
    const response = await fetch(url, { signal: watch.controller.signal, credentials: 'omit' });
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      throw new LabError(
        'FETCH_FAILED',
        `Could not fetch ${bounds.what} from "${url}": HTTP ${response.status}.`,
      );
    }
    return await readCapped(response, bounds, url, watch);
  } catch (e) {
    if (e instanceof LabError) throw e;
    if (watch.controller.signal.aborted) throw abortError(watch, bounds, url);
    throw new LabError(
      'FETCH_FAILED',
      `Could not fetch ${bounds.what} from "${url}" (${e instanceof Error ? e.message : String(e)}).`,
    );
  } finally {
    watch.stop();
  }
}
