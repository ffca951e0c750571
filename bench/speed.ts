#!/usr/bin/env -S npx tsx
/**
 * `npm run bench:speed [-- --quick] [--no-browser] [--backend webgpu]`: training-step and inference time per batch
 * of every demo model on Node (wasm, cpu), headless Chromium (webgpu, wasm, webgl, cpu) and
 * PyTorch CPU, plus the rank-shift sweep, the default pipeline and the lab's first-load JS.
 * Writes bench/out/speed[-quick].json, prints the tables, exits 1 if a cell is missing.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BackendName } from '../src/core/backend';
import type { CompressConfig } from '../src/core/pipeline/compress-config';
import { DEFAULT_SETTINGS } from '../src/store/pipeline-settings';
import { BENCH_OUT_DIR, DEMO_NAMES, machineFacts, REPO_ROOT } from './demo-models';
import { BROWSER_BACKENDS, browserSpeedCells, type BrowserOutcome } from './browser-speed';
import { missingSpeedCells, type SpeedReport } from './speed-cells';
import {
  firstLoadJsBytes,
  nodeSpeedCells,
  pipelineTiming,
  rankShiftSweepTiming,
  torchCells,
  type SpeedSettings,
} from './speed-sections';
import { initNodeBackend } from '../src/node/node-backend';
import { browserNotes, speedTable, targetsTable } from './speed-table';

const QUICK_PIPELINE = { statsSteps: 2, refreshSteps: 1, finetuneSteps: 4, evalLimit: 256 };

/** What the lab runs when a user presses Run on the demo: its default settings, as the worker passes them. */
function labDefaultPipeline(): Partial<CompressConfig> {
  const { evalLimit, ...config } = DEFAULT_SETTINGS;
  return { ...config, evalLimit };
}

function settingsFor(quick: boolean): SpeedSettings {
  return quick
    ? {
        models: [...DEMO_NAMES],
        batch: 16,
        plan: { warmup: 1, reps: 2 },
        slowPlan: { warmup: 0, reps: 1 },
        slowBatch: 2,
        torchThreads: 1,
      }
    : {
        models: [...DEMO_NAMES],
        batch: 64,
        plan: { warmup: 2, reps: 5 },
        slowPlan: { warmup: 1, reps: 5 },
        slowBatch: 4, // software WebGPU / WebGL / tfjs cpu: 25–100× slower than wasm
        torchThreads: 1,
      };
}

/** The app's own production build (into bench/out so the e2e suite's dist/ is left alone). */
function buildApp(): string {
  const outDir = path.join(BENCH_OUT_DIR, 'dist-app');
  const vite = path.join(REPO_ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const r = spawnSync(
    process.execPath,
    [vite, 'build', '--logLevel', 'warn', '--outDir', outDir, '--emptyOutDir'],
    { cwd: REPO_ROOT, encoding: 'utf8' },
  );
  if (r.status !== 0) process.stderr.write(`app build failed: ${r.stderr}\n`);
  return outDir;
}

async function browserSection(
  s: SpeedSettings,
  quick: boolean,
  enabled: boolean,
): Promise<BrowserOutcome> {
  if (!enabled) return { ok: false, skipped: 'disabled with --no-browser.' };
  const fast = (b: BackendName) => b === 'wasm';
  return browserSpeedCells({
    models: s.models,
    batchFor: (b: BackendName) => (fast(b) ? s.batch : s.slowBatch),
    planFor: (b: BackendName) => (fast(b) ? s.plan : s.slowPlan),
    timeoutMs: quick ? 240_000 : 1_800_000,
  });
}

export async function runSpeedBench(opts: {
  quick: boolean;
  browser: boolean;
  log: (line: string) => void;
}): Promise<SpeedReport> {
  const started = performance.now();
  const s = settingsFor(opts.quick);
  const step = async <T>(what: string, work: () => Promise<T> | T): Promise<T> => {
    const t0 = performance.now();
    const out = await work();
    opts.log(`  ${what}: ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
    return out;
  };
  await initNodeBackend('wasm'); // the PyTorch section builds tfjs models for their topology
  const torch = await step('PyTorch', () => torchCells(s));
  const node = [
    ...(await step('node wasm', () => nodeSpeedCells('wasm', s))),
    ...(await step('node cpu', () => nodeSpeedCells('cpu', s))),
  ];
  const rankShift = await step('rank-shift sweep', () => rankShiftSweepTiming(opts.quick ? 1 : 5));
  const pipeline = await step('default pipeline', () =>
    pipelineTiming(opts.quick ? QUICK_PIPELINE : labDefaultPipeline()),
  );
  const firstLoad = await step('app build', () => firstLoadJsBytes(buildApp()));
  const browser = await step('browser', () => browserSection(s, opts.quick, opts.browser));
  return {
    mode: opts.quick ? 'quick' : 'full',
    date: new Date().toISOString(),
    machine: { ...machineFacts(), loadAvg: os.loadavg() },
    batch: s.batch,
    models: s.models,
    node,
    torch,
    browser,
    rankShift,
    pipeline,
    firstLoad,
    elapsedMs: performance.now() - started,
  };
}

/** `--backend webgpu`: the WebGPU-vs-wasm rows of bench/gpu/gpu-bench.ts (Dawn in Node). */
function gpuBench(quick: boolean): number {
  const script = path.join(REPO_ROOT, 'bench', 'gpu', 'gpu-bench.ts');
  const tsx = path.join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const args = [tsx, script, ...(quick ? ['--quick'] : [])];
  return spawnSync(process.execPath, args, { cwd: REPO_ROOT, stdio: 'inherit' }).status ?? 1;
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const backendAt = argv.indexOf('--backend');
  if (backendAt >= 0 && argv[backendAt + 1] === 'webgpu') return gpuBench(argv.includes('--quick'));
  const quick = argv.includes('--quick');
  const log = (line: string) => process.stderr.write(line);
  log(`bench:speed (${quick ? 'quick' : 'full'})\n`);
  const report = await runSpeedBench({ quick, browser: !argv.includes('--no-browser'), log });
  mkdirSync(BENCH_OUT_DIR, { recursive: true });
  const file = path.join(BENCH_OUT_DIR, quick ? 'speed-quick.json' : 'speed.json');
  writeFileSync(file, `${JSON.stringify(report, null, 1)}\n`);
  console.log(
    `${speedTable(report)}\n\n${targetsTable(report)}\n\n${browserNotes(report).join('\n')}`,
  );
  const missing = missingSpeedCells(report, argv.includes('--no-browser') ? [] : BROWSER_BACKENDS);
  console.log(
    `\n${file} written in ${(report.elapsedMs / 1000).toFixed(0)} s; ${missing.length ? `MISSING CELLS:\n  ${missing.join('\n  ')}` : 'every cell produced.'}`,
  );
  return missing.length ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.join(REPO_ROOT, 'bench', 'speed.ts'))
  process.exitCode = await main();
