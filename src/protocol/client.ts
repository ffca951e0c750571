/**
 * Main-thread side of the engine worker: a promise per request, a listener list for
 * events. Imports no tfjs (types only) so the page stays light and responsive.
 */
import type {
  EngineEvent,
  ErrorInfo,
  RequestMap,
  RequestType,
  WorkerMessage,
  WorkerRequest,
} from './messages';

export class EngineError extends Error {
  readonly code: string;
  constructor(info: ErrorInfo) {
    super(info.message);
    this.code = info.code;
  }
}

/**
 * A worker can end without an error event (self.close(), a killed renderer thread). The client
 * pings it; any message from it counts as a sign of life, and silence for `timeoutMs` is a crash.
 * The worker answers pings from its message loop, which a run yields to every 50 ms, so a busy
 * worker still answers; the timeout only has to outlast one slow step or evaluation batch.
 */
export interface WatchdogOptions {
  intervalMs: number;
  timeoutMs: number;
  now?: () => number;
}

export const DEFAULT_WATCHDOG: WatchdogOptions = { intervalMs: 5_000, timeoutMs: 45_000 };

type Pending = {
  resolve: (v: unknown) => void;
  reject: (e: EngineError) => void;
  onEvent?: (e: EngineEvent) => void;
};

export class EngineClient {
  private worker: Worker;
  private nextId = 1;
  private pending = new Map<number, Pending>();
  private listeners = new Set<(e: EngineEvent) => void>();
  private crashListeners = new Set<(message: string) => void>();
  private lastHeardMs = 0;
  private watchdog: ReturnType<typeof setInterval> | null = null;
  private crashed = false;

  constructor(factory: () => Worker = defaultWorkerFactory) {
    this.worker = factory();
    this.worker.onmessage = (e: MessageEvent<WorkerMessage>) => {
      this.lastHeardMs = this.clock();
      this.dispatch(e.data);
    };
    // An uncaught error inside the worker: its state can no longer be trusted.
    this.worker.onerror = (e: ErrorEvent) =>
      this.crash(`The engine stopped: ${(e.message || 'unknown error').replace(/[.\s]+$/, '')}.`);
  }

  request<T extends RequestType>(
    type: T,
    params: RequestMap[T]['params'],
    options: { onEvent?: (e: EngineEvent) => void; transfer?: Transferable[] } = {},
  ): Promise<RequestMap[T]['result']> {
    if (this.crashed)
      return Promise.reject(
        new EngineError({ code: 'WORKER_CRASHED', message: 'The engine has stopped; restart it.' }),
      );
    const id = this.nextId++;
    const message: WorkerRequest<T> = { kind: 'request', id, type, params };
    return new Promise((resolve, reject) => {
      this.pending.set(id, {
        resolve: resolve as (v: unknown) => void,
        reject,
        onEvent: options.onEvent,
      });
      this.worker.postMessage(message, options.transfer ?? []);
    });
  }

  onEvent(listener: (e: EngineEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onCrash(listener: (message: string) => void): () => void {
    this.crashListeners.add(listener);
    return () => this.crashListeners.delete(listener);
  }

  /** Starts pinging the worker; silence longer than `timeoutMs` is reported as a crash. */
  startWatchdog(options: WatchdogOptions = DEFAULT_WATCHDOG): void {
    this.stopWatchdog();
    this.clock = options.now ?? Date.now;
    this.lastHeardMs = this.clock();
    let pingId = 0;
    this.watchdog = setInterval(() => {
      const silentMs = this.clock() - this.lastHeardMs;
      if (silentMs > options.timeoutMs) {
        this.crash(
          `The engine stopped responding (no answer for ${Math.round(silentMs / 1000)} s); restart it to go on.`,
        );
        return;
      }
      this.worker.postMessage({ kind: 'ping', id: ++pingId });
    }, options.intervalMs);
  }

  terminate(): void {
    this.worker.terminate();
    this.crash('The engine worker was stopped.');
  }

  private clock: () => number = Date.now;

  private stopWatchdog(): void {
    if (this.watchdog !== null) clearInterval(this.watchdog);
    this.watchdog = null;
  }

  private dispatch(message: WorkerMessage): void {
    if (message.kind === 'pong') return;
    if (message.kind === 'event') {
      this.pending.get(message.id)?.onEvent?.(message.event);
      for (const l of this.listeners) l(message.event);
      return;
    }
    const p = this.pending.get(message.id);
    if (!p) return;
    this.pending.delete(message.id);
    if (message.ok) p.resolve(message.result);
    else p.reject(new EngineError(message.error));
  }

  private crash(message: string): void {
    this.stopWatchdog();
    if (this.crashed) return; // one report per worker: a terminate after a crash adds nothing
    this.crashed = true;
    for (const p of this.pending.values())
      p.reject(new EngineError({ code: 'WORKER_CRASHED', message }));
    this.pending.clear();
    for (const l of this.crashListeners) l(message);
  }
}

function defaultWorkerFactory(): Worker {
  return new Worker(new URL('../worker/engine.worker.ts', import.meta.url), {
    type: 'module',
    name: 'engine',
  });
}
