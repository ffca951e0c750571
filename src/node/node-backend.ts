import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import path from 'node:path';
import { initBackend, type BackendPreference, type BackendReport } from '../core/backend';
import { registerWasmGradientKernels } from '../core/wasm-grad-kernels';
import { installNodeWebGpu } from './node-webgpu';

/**
 * Node entry-point wiring shared by the CLI, tests and benches: registers the wasm
 * backend with its .wasm files located on disk, adds the missing gradient kernels,
 * then lets the core pick. WebGL does not exist in Node; WebGPU is there only when asked for
 * (`--backend webgpu`), through Dawn (node-webgpu.ts), and never picked by auto.
 */
let wasmConfigured = false;

function configureWasm(): void {
  if (wasmConfigured) return;
  // PRUNING_LAB_WASM_DIR: where a bundled script (bench/gpu) carries the .wasm files.
  const distDir =
    process.env.PRUNING_LAB_WASM_DIR ??
    path.dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'));
  // A file-system directory prefix works in Node (tfjs runs wasm single-threaded there).
  setWasmPaths(distDir + path.sep);
  registerWasmGradientKernels();
  wasmConfigured = true;
}

export async function initNodeBackend(
  preference: BackendPreference = 'auto',
): Promise<BackendReport> {
  configureWasm();
  if (preference === 'webgpu') await installNodeWebGpu();
  const report = await initBackend(preference, ['wasm', 'cpu']);
  if (preference === 'auto') {
    report.reasonsForSkipped = {
      webgpu: 'WebGPU runs in Node.js only when asked for (--backend webgpu).',
      webgl: 'WebGL does not exist in Node.js.',
      ...report.reasonsForSkipped,
    };
  }
  return report;
}

export { tf };
