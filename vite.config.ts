import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { precachePlugin } from './pwa/precache-plugin';

export default defineConfig({
  plugins: [react(), precachePlugin()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 2500,
  },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  server: { host: '127.0.0.1', port: 5173 },
});
