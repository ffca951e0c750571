/**
 * Browser entry-point wiring (worker only): registers every backend the lab can use and
 * tells the wasm backend where Vite put its .wasm files. Importing the webgpu/wasm packages
 * registers their factories; `initBackend` in core then picks one.
 */
import '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { BackendReport } from '../core/backend-names';
import { registerWasmGradientKernels } from '../core/wasm-grad-kernels';

let registered = false;

/** Most cores worth a pool: XNNPACK gains little past 8 threads on a training step's small ops. */
const MAX_WASM_THREADS = 8;

/** One thread per core (tfjs's own default is half the cores, i.e. one thread on a 2-core machine). */
function defaultWasmThreads(): number {
  const cores = globalThis.navigator?.hardwareConcurrency ?? 1;
  return Math.max(1, Math.min(MAX_WASM_THREADS, cores));
}

/** Where `?simulate=no-wasm` points the wasm backend: a path the server does not have. */
export const MISSING_WASM_PREFIX = '/missing-wasm-files/';

/**
 * `wasmThreads` sets the wasm thread pool size (default: one per core). Threads exist only in a
 * cross-origin isolated page (COOP/COEP, pwa/isolation-headers.ts); otherwise tfjs loads the
 * single-thread SIMD build whatever is asked.
 */
export function registerBrowserBackends(
  options: { noWasm?: boolean; wasmThreads?: number } = {},
): void {
  if (registered) return;
  registered = true;
  setThreadsCount(options.wasmThreads ?? defaultWasmThreads());
  if (options.noWasm) {
    setWasmPaths(MISSING_WASM_PREFIX);
    registerWasmGradientKernels();
    return;
  }
  setWasmPaths({
    'tfjs-backend-wasm.wasm': wasmPlainUrl,
    'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
    'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedUrl,
  });
  registerWasmGradientKernels();
}

/** Adds the wasm thread pool size to a report (what the backend badge shows). */
export function withThreadCount(report: BackendReport): BackendReport {
  if (report.backend !== 'wasm') return report;
  return { ...report, threadCount: getThreadsCount() };
}
