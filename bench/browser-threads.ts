#!/usr/bin/env -S npx tsx
/**
 * `npx tsx bench/browser-threads.ts`: the wasm training step of every demo in headless Chromium,
 * batch 16 and 32, with one thread and with one per core, in one run on the cross-origin
 * isolated bench page (bench/vite.bench.config.ts). Prints a Markdown table with the load average.
 */
import os from 'node:os';
import { chromium } from '@playwright/test';
import { findChromium } from '../scripts/find-chromium.mjs';
import type { BrowserSpeedRequest, BrowserSpeedResponse } from './bench-page';
import { buildBenchPage, startPreview } from './browser-speed';
import { DEMO_NAMES, lossOf } from './demo-models';
import { BENCH_PORT } from './vite.bench.config';

type Run = (req: BrowserSpeedRequest) => Promise<BrowserSpeedResponse>;

async function withPage<T>(work: (run: Run) => Promise<T>): Promise<T> {
  const browser = await chromium.launch({
    executablePath: findChromium() ?? '/usr/bin/chromium',
    args: ['--no-sandbox'],
  });
  try {
    const page = await browser.newPage();
    page.setDefaultTimeout(600_000);
    await page.goto(`http://127.0.0.1:${BENCH_PORT}/bench/bench.html`);
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
    const run: Run = (req) =>
      page.evaluate((r) => (window as unknown as { runSpeedBench: Run }).runSpeedBench(r), req);
    return await work(run);
  } finally {
    await browser.close();
  }
}

async function measure(threads: number | undefined, batch: number): Promise<BrowserSpeedResponse> {
  // A page's first request fixes its thread pool: one fresh page per setting.
  return withPage((run) =>
    run({
      backend: 'wasm',
      models: DEMO_NAMES.map((name) => ({ name, loss: lossOf(name) as 'cross-entropy' | 'mse' })),
      batch,
      plan: { warmup: 2, reps: 5 },
      wasmThreads: threads,
    }),
  );
}

const buildError = buildBenchPage();
if (buildError) throw new Error(buildError);
const server = await startPreview();
try {
  console.log(`load average at the start ${os.loadavg()[0].toFixed(1)}`);
  console.log('| model | batch | 1 thread ms | N threads ms | N | speed-up |');
  console.log('|---|---|---|---|---|---|');
  for (const batch of [16, 32]) {
    const one = await measure(1, batch);
    const all = await measure(undefined, batch);
    for (const cell of one.cells) {
      const other = all.cells.find((c) => c.model === cell.model);
      const a = cell.train?.medianMs ?? NaN;
      const b = other?.train?.medianMs ?? NaN;
      console.log(
        `| ${cell.model} | ${batch} | ${a.toFixed(1)} | ${b.toFixed(1)} | ${all.threads ?? '?'} | ${(a / b).toFixed(2)}× |`,
      );
    }
    if (one.threads !== 1) console.log(`(the 1-thread page ran ${one.threads ?? '?'} threads)`);
  }
  console.log(`load average at the end ${os.loadavg()[0].toFixed(1)}`);
} finally {
  server.kill();
}
