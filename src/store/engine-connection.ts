import {
  DEFAULT_WATCHDOG,
  EngineClient,
  EngineError,
  type WatchdogOptions,
} from '../protocol/client';
import { parseBackendPreference, type BackendPreference } from '../protocol/page-core';
import type { SimulateFlags } from '../protocol/messages';
import { useLabStore } from './store';
import { TEST_HOOKS_ENABLED } from '../protocol/test-hooks';

/** Owns the single EngineClient of the page and mirrors its state into the store. */
let client: EngineClient | null = null;
let started: { preference: BackendPreference; simulate: SimulateFlags; watchdog: WatchdogOptions } =
  { preference: 'auto', simulate: {}, watchdog: DEFAULT_WATCHDOG };

export function getEngine(): EngineClient {
  if (!client) throw new Error('The engine has not been started.');
  return client;
}

/**
 * `?backend=NAME`; an unknown name falls back to the auto order, and `notice` says so (the
 * page shows it), so a bad link never leaves the page without an engine.
 */
export function backendFromLocation(search: string): {
  preference: BackendPreference;
  notice: string | null;
} {
  try {
    return {
      preference: parseBackendPreference(new URLSearchParams(search).get('backend')),
      notice: null,
    };
  } catch (e) {
    const reason = e instanceof Error ? e.message.replace(/\.$/, '') : String(e);
    return { preference: 'auto', notice: `${reason}; the engine uses the automatic choice.` };
  }
}

/**
 * `?simulate=device-lost-after=3`, `no-wasm`, `export-delay=1500`, `fatal-batch=N`,
 * `heap-limit-mib=256`, `wasm-threads=1` (repeat or comma-separate).
 */
export function simulateFromLocation(search: string): SimulateFlags {
  const flags: SimulateFlags = {};
  if (!TEST_HOOKS_ENABLED) return flags;
  const values = new URLSearchParams(search).getAll('simulate').flatMap((v) => v.split(','));
  for (const value of values) {
    const lost = /^device-lost-after=(\d+)$/.exec(value);
    if (lost) flags.deviceLostAfterSteps = Number(lost[1]);
    else if (value === 'no-wasm') flags.noWasm = true;
    const delay = /^export-delay=(\d+)$/.exec(value);
    if (delay) flags.exportDelayMs = Number(delay[1]);
    const fatal = /^fatal-batch=(\d+)$/.exec(value);
    if (fatal) flags.fatalBatchSize = Number(fatal[1]);
    const heap = /^heap-limit-mib=(\d+)$/.exec(value);
    if (heap) flags.heapLimitMiB = Number(heap[1]);
    const threads = /^wasm-threads=([1-9]\d?)$/.exec(value);
    if (threads) flags.wasmThreads = Number(threads[1]);
  }
  return flags;
}

/** The shortest `?watchdog=`: a training step of a big model can keep the worker busy for seconds. */
export const MIN_WATCHDOG_MS = 3000;

/**
 * `?watchdog=MS` (test builds only): how long the page waits for a silent worker before
 * reporting it; below MIN_WATCHDOG_MS, or not a number, it is ignored.
 */
export function watchdogFromLocation(search: string): WatchdogOptions {
  if (!TEST_HOOKS_ENABLED) return DEFAULT_WATCHDOG;
  const ms = Number(new URLSearchParams(search).get('watchdog'));
  if (!(Number.isFinite(ms) && ms >= MIN_WATCHDOG_MS && ms <= DEFAULT_WATCHDOG.timeoutMs))
    return DEFAULT_WATCHDOG;
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
