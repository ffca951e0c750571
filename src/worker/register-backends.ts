/**
 * Browser entry-point wiring (worker only): registers every backend the lab can use and
 * tells the wasm backend where Vite put its .wasm files. Importing the webgpu/wasm packages
 * registers their factories; `initBackend` in core then picks one.
 */
import '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { registerWasmGradientKernels } from '../core/wasm-grad-kernels';

let registered = false;

/** Where `?simulate=no-wasm` points the wasm backend: a path the server does not have. */
export const MISSING_WASM_PREFIX = '/missing-wasm-files/';

export function registerBrowserBackends(options: { noWasm?: boolean } = {}): void {
  if (registered) return;
  registered = true;
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
