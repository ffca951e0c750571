import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { findChromium } from '../scripts/find-chromium.mjs';
import type { BackendName } from '../src/core/backend';
import type { DemoName } from '../src/core/demos/registry';
import type { BrowserSpeedResponse } from './bench-page';
import { lossOf, REPO_ROOT } from './demo-models';
import type { TimingPlan } from './timing';
import { BENCH_PORT } from './vite.bench.config';

/**
 * Headless Chromium timings: builds bench/bench.html with its own Vite config, serves it with
 * `vite preview` on port 4180 (the e2e suite owns 4173), and runs every backend in a fresh page.
 */
const CONFIG = path.join(REPO_ROOT, 'bench', 'vite.bench.config.ts');
const VITE_BIN = path.join(REPO_ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
export const BROWSER_BACKENDS: readonly BackendName[] = ['webgpu', 'wasm', 'webgl', 'cpu'];

export interface BrowserRunSettings {
  models: DemoName[];
  batchFor: (backend: BackendName) => number;
  /** Per backend: wasm is fast; the software backends take seconds per step. */
  planFor: (backend: BackendName) => TimingPlan;
  /** Per-backend page timeout. */
  timeoutMs: number;
}

export type BrowserOutcome =
  | { ok: true; chromium: string; responses: BrowserSpeedResponse[] }
  | { ok: false; skipped: string };

export function buildBenchPage(): string | null {
  const r = spawnSync(process.execPath, [VITE_BIN, 'build', '--config', CONFIG], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });
  return r.status === 0
    ? null
    : `vite build of the bench page failed: ${(r.stderr || r.stdout).trim().slice(-400)}`;
}

export async function startPreview(): Promise<ChildProcess> {
  // Spawn vite's own entry with node, so the PID we hold is the server's.
  const server = spawn(process.execPath, [VITE_BIN, 'preview', '--config', CONFIG], {
    cwd: REPO_ROOT,
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${BENCH_PORT}/bench/bench.html`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return server;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  server.kill();
  throw new Error(`vite preview did not answer on port ${BENCH_PORT}.`);
}

export async function browserSpeedCells(s: BrowserRunSettings): Promise<BrowserOutcome> {
  const executablePath = findChromium();
  if (!executablePath)
    return {
      ok: false,
      skipped: 'No Chromium found (set CHROMIUM_PATH or apt-get install chromium).',
    };
  const buildError = buildBenchPage();
  if (buildError) return { ok: false, skipped: buildError };
  const server = await startPreview();
  const browser = await chromium.launch({
    executablePath,
    args: ['--enable-unsafe-webgpu', '--no-sandbox', '--disable-background-networking'],
  });
  try {
    const responses: BrowserSpeedResponse[] = [];
    for (const backend of BROWSER_BACKENDS) {
      const page = await browser.newPage();
      page.setDefaultTimeout(s.timeoutMs);
      await page.goto(`http://127.0.0.1:${BENCH_PORT}/bench/bench.html`);
      await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
      const req = {
        backend,
        models: s.models.map((name) => ({ name, loss: lossOf(name) })),
        batch: s.batchFor(backend),
        plan: s.planFor(backend),
      };
      const res = await page
        .evaluate(
          (r) =>
            (
              window as unknown as { runSpeedBench: (q: unknown) => Promise<BrowserSpeedResponse> }
            ).runSpeedBench(r),
          req,
        )
        .catch((e: unknown): BrowserSpeedResponse => ({
          backend,
          error: e instanceof Error ? e.message.split('\n')[0] : String(e),
          cells: [],
        }));
      responses.push(res);
      await page.close();
    }
    return { ok: true, chromium: browser.version(), responses };
  } finally {
    await browser.close();
    server.kill();
  }
}
