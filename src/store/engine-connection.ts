import {
  DEFAULT_WATCHDOG,
  EngineClient,
  EngineError,
  type WatchdogOptions,
} from '../worker/client';
import { parseBackendPreference, type BackendPreference } from '../core/backend-names';
import type { SimulateFlags } from '../worker/protocol';
import { useLabStore } from './store';

/** Owns the single EngineClient of the page and mirrors its state into the store. */
let client: EngineClient | null = null;
let started: { preference: BackendPreference; simulate: SimulateFlags; watchdog: WatchdogOptions } =
  { preference: 'auto', simulate: {}, watchdog: DEFAULT_WATCHDOG };

export function getEngine(): EngineClient {
  if (!client) throw new Error('The engine has not been started.');
  return client;
}

export function backendFromLocation(search: string): BackendPreference {
  return parseBackendPreference(new URLSearchParams(search).get('backend'));
}

/**
 * `?simulate=device-lost-after=3`, `no-wasm`, `export-delay=1500`, `heap-limit-mib=256` (repeat or
 * comma-separate).
 */
export function simulateFromLocation(search: string): SimulateFlags {
  const flags: SimulateFlags = {};
  const values = new URLSearchParams(search).getAll('simulate').flatMap((v) => v.split(','));
  for (const value of values) {
    const lost = /^device-lost-after=(\d+)$/.exec(value);
    if (lost) flags.deviceLostAfterSteps = Number(lost[1]);
    else if (value === 'no-wasm') flags.noWasm = true;
    const delay = /^export-delay=(\d+)$/.exec(value);
    if (delay) flags.exportDelayMs = Number(delay[1]);
    const heap = /^heap-limit-mib=(\d+)$/.exec(value);
    if (heap) flags.heapLimitMiB = Number(heap[1]);
  }
  return flags;
}

/** `?watchdog=MS`: how long the page waits for a silent worker before reporting it (tests). */
export function watchdogFromLocation(search: string): WatchdogOptions {
  const ms = Number(new URLSearchParams(search).get('watchdog'));
  if (!(Number.isFinite(ms) && ms >= 1000)) return DEFAULT_WATCHDOG;
  return { intervalMs: Math.min(DEFAULT_WATCHDOG.intervalMs, ms / 3), timeoutMs: ms };
}

export async function startEngine(
  preference: BackendPreference,
  simulate: SimulateFlags = {},
  watchdog: WatchdogOptions = started.watchdog,
): Promise<void> {
  started = { preference, simulate, watchdog };
  const store = useLabStore.getState();
  store.setEngineStarting();
  try {
    const previous = client;
    client = new EngineClient();
    // The old worker's "stopped" must not mark the new one as failed.
    previous?.terminate();
    const current = client;
    current.onCrash((message) => {
      if (client === current) useLabStore.getState().setEngineFailed(message, true);
    });
    current.startWatchdog(watchdog);
    // A backend lost outside start-up (device.lost, a run's fallback) arrives as an event.
    current.onEvent((event) => {
      if (event.type === 'backend' && client === current)
        useLabStore.getState().setBackend(event.report, event.notice ?? null);
    });
    const { notice, ...report } = await current.request('init', { backend: preference, simulate });
    useLabStore.getState().setBackend(report, notice);
  } catch (e) {
    const message = e instanceof EngineError || e instanceof Error ? e.message : String(e);
    useLabStore.getState().setEngineFailed(message);
  }
}

/** A fresh worker with the same backend choice and simulations as the page started with. */
export async function restartWorker(): Promise<void> {
  await startEngine(started.preference, started.simulate, started.watchdog);
}
