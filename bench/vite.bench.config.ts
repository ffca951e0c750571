import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { ISOLATION_HEADERS } from '../pwa/isolation-headers';
import { threadedWasmPlugin } from '../pwa/threaded-wasm-plugin';

/**
 * Builds only the speed-bench page (bench/bench.html). Kept apart from the app's
 * vite.config.ts so bench code never lands in the app's bundle or its service-worker
 * precache list. `npm run bench:speed` builds it and serves it on port 4180.
 */
const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BENCH_PORT = 4180;

export default defineConfig({
  root: ROOT,
  publicDir: false,
  logLevel: 'warn',
  // Cross-origin isolated like the lab, so the browser wasm rows run threaded (one thread per core).
  plugins: [threadedWasmPlugin()],
  worker: { format: 'es', plugins: () => [threadedWasmPlugin()] },
  build: {
    target: 'es2022',
    outDir: path.join(ROOT, 'bench', 'out', 'dist-bench'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 5000,
    rolldownOptions: { input: { bench: path.join(ROOT, 'bench', 'bench.html') } },
  },
  preview: {
    host: '127.0.0.1',
    port: BENCH_PORT,
    strictPort: true,
    headers: { ...ISOLATION_HEADERS },
  },
});
