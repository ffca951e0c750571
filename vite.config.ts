import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { ISOLATION_HEADERS } from './pwa/isolation-headers';
import { precachePlugin } from './pwa/precache-plugin';
import { threadedWasmPlugin } from './pwa/threaded-wasm-plugin';

export default defineConfig({
  plugins: [react(), precachePlugin(), threadedWasmPlugin()],
  worker: { format: 'es', plugins: () => [threadedWasmPlugin()] },
  // The dev server pre-bundles tfjs-backend-wasm outside the plugin pipeline: patch it there too.
  optimizeDeps: { rolldownOptions: { plugins: [threadedWasmPlugin()] } },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 2500,
  },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true, headers: { ...ISOLATION_HEADERS } },
  server: { host: '127.0.0.1', port: 5173, headers: { ...ISOLATION_HEADERS } },
});
