import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: [
      'src/**/*.test.ts',
      'cli/**/*.test.ts',
      'bench/**/*.test.ts',
      'scripts/**/*.test.ts',
      'pwa/**/*.test.ts',
    ],
    setupFiles: ['src/test/setup-backend.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
  },
});
