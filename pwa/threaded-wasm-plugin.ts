import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';

/**
 * Two fixes that let tfjs-backend-wasm 4.22 run threaded in the lab's bundle:
 *
 * 1. It starts its pthread workers from a Blob holding `wasmFactoryThreadedSimd.toString()`.
 *    After minification that function refers to names of the bundle around it, so every
 *    pthread worker dies with "ReferenceError: e is not defined". The call is replaced by the
 *    factory's original source text (the package's wasm-out file), which is self-contained.
 * 2. Its C++ caps the pool at navigator.hardwareConcurrency / 2 ("2 threads per core"), which
 *    is one thread on a 2-core machine whatever setThreadsCount asks. The factory reports twice
 *    the logical cores, so the cap becomes one thread per logical core; the pool size itself
 *    is chosen with setThreadsCount (src/worker/register-backends.ts).
 */
const BACKEND = /@tensorflow[\\/]tfjs-backend-wasm[\\/]dist[\\/]backend_wasm\.js$/;
const FACTORY =
  /@tensorflow[\\/]tfjs-backend-wasm[\\/]wasm-out[\\/]tfjs-backend-wasm-threaded-simd\.js$/;
const CALL = 'wasmFactoryThreadedSimd.toString()';
const PREFIX = 'var WasmBackendModuleThreadedSimd = ';
const CORES = 'return navigator["hardwareConcurrency"]}';
const CORES_DOUBLED = 'return 2*navigator["hardwareConcurrency"]}';

function replaceOnce(code: string, from: string, to: string, file: string): string {
  const at = code.indexOf(from);
  if (at < 0 || code.indexOf(from, at + 1) >= 0)
    throw new Error(
      `${file} does not contain "${from}" exactly once: revisit pwa/threaded-wasm-plugin.ts.`,
    );
  return code.slice(0, at) + to + code.slice(at + from.length);
}

function patchFactory(code: string, file: string): string {
  return replaceOnce(code, CORES, CORES_DOUBLED, file);
}

function factorySourceText(): string {
  const require = createRequire(import.meta.url);
  const file =
    require.resolve('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js');
  const text = patchFactory(readFileSync(file, 'utf8'), file);
  replaceOnce(text, PREFIX, '', file); // checks the prefix is there, once
  return text.slice(text.indexOf(PREFIX) + PREFIX.length);
}

export function threadedWasmPlugin(): Plugin {
  return {
    name: 'pruning-lab-threaded-wasm',
    transform(code, id) {
      if (FACTORY.test(id)) return { code: patchFactory(code, id), map: null };
      if (!BACKEND.test(id)) return null;
      return { code: replaceOnce(code, CALL, JSON.stringify(factorySourceText()), id), map: null };
    },
  };
}
