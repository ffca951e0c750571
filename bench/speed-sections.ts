import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { compressLabResult } from '../src/core/pipeline/compress-lab-result';
import { compress } from '../src/core/pipeline/compress';
import type { CompressConfig } from '../src/core/pipeline/compress-config';
import { rankShift } from '../src/core/rank-shift/analysis';
import type { DemoName } from '../src/core/demos/registry';
import { loadMnistSource } from '../src/node/mnist-node';
import { initNodeBackend, tf } from '../src/node/node-backend';
import {
  architectureSpec,
  demoInfo,
  hasTrainedModel,
  loadTrainedSpec,
  lossOf,
  REPO_ROOT,
  writeTopologyFile,
} from './demo-models';
import { measureSpeed, type SpeedCell } from './speed-core';
import { runTorchReference, type TorchOutcome } from './torch-runner';
import type { TimingPlan } from './timing';

/** The Node-side sections of `npm run bench:speed`, each returning plain data. */
export interface SpeedSettings {
  models: DemoName[];
  batch: number;
  plan: TimingPlan;
  /** Plan for backends that take seconds per step (Node cpu, browser cpu/webgl/webgpu). */
  slowPlan: TimingPlan;
  /** Batch for those backends (quick mode shrinks it; ratios vs PyTorch need equal batches). */
  slowBatch: number;
  torchThreads: number;
}

export async function nodeSpeedCells(
  backend: 'wasm' | 'cpu',
  s: SpeedSettings,
): Promise<SpeedCell[]> {
  await initNodeBackend(backend);
  const cells: SpeedCell[] = [];
  for (const name of s.models) {
    const spec = await architectureSpec(name);
    const [plan, batch] = backend === 'cpu' ? [s.slowPlan, s.slowBatch] : [s.plan, s.batch];
    cells.push({
      ...(await measureSpeed({ spec, loss: lossOf(name), batch, plan })),
      backend: `node-${backend}`,
    });
  }
  return cells;
}

export function torchCells(s: SpeedSettings): Record<string, TorchOutcome> {
  const out: Record<string, TorchOutcome> = {};
  for (const name of s.models) {
    out[name] = runTorchReference(
      writeTopologyFile(name),
      demoInfo(name).task,
      s.batch,
      s.plan,
      s.torchThreads,
    );
  }
  return out;
}

async function demoSpecForTiming(
  name: DemoName,
): Promise<{ spec: Awaited<ReturnType<typeof architectureSpec>>; trained: boolean }> {
  return hasTrainedModel(name)
    ? { spec: loadTrainedSpec(name), trained: true }
    : { spec: await architectureSpec(name), trained: false };
}

export interface SweepTiming {
  model: string;
  trainedWeights: boolean;
  upstream: string;
  unit: string;
  sparsities: number;
  images: number;
  elapsedMs: number;
}

/** The rank-shift sweep: one pair (the first two prunable units) × 10 sparsities × 512 images. */
export async function rankShiftSweepTiming(repeats: number): Promise<SweepTiming> {
  await initNodeBackend('wasm');
  const { spec, trained } = await demoSpecForTiming('mnist-cnn');
  const source = loadMnistSource('mnist');
  const sparsities = Array.from({ length: 10 }, (_, i) => i / 10);
  const times: number[] = [];
  let result = await rankShift({
    spec,
    source,
    unit: 'conv2',
    upstream: 'conv1',
    sparsities,
    calibrationSize: 512,
  });
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    result = await rankShift({
      spec,
      source,
      unit: 'conv2',
      upstream: 'conv1',
      sparsities,
      calibrationSize: 512,
    });
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return {
    model: spec.name,
    trainedWeights: trained,
    upstream: result.upstream,
    unit: result.unit,
    sparsities: result.points.length,
    images: result.calibrationSize,
    elapsedMs: times[times.length >> 1],
  };
}

export interface PipelineTiming {
  model: string;
  trainedWeights: boolean;
  config: Partial<CompressConfig>;
  steps: number;
  elapsedMs: number;
  perPhaseMs: Record<string, number>;
  metricBefore: number;
  metricAfter: number;
}

/** The full default demo pipeline: compress() with the lab's default config on mnist-cnn. */
export async function pipelineTiming(config: Partial<CompressConfig>): Promise<PipelineTiming> {
  await initNodeBackend('wasm');
  const { spec, trained } = await demoSpecForTiming('mnist-cnn');
  const t0 = performance.now();
  const source = loadMnistSource('mnist');
  const result = await compress({ spec, source, config });
  await compressLabResult(spec, result, source); // the lab also scores the quantized and stock models
  const { report } = result;
  return {
    model: spec.name,
    trainedWeights: trained,
    config,
    steps: report.steps.total,
    elapsedMs: performance.now() - t0,
    perPhaseMs: report.timings.perPhase,
    metricBefore: report.before.value,
    metricAfter: report.after.value,
  };
}

export interface FirstLoadBytes {
  files: { file: string; bytes: number; gzipBytes: number }[];
  bytes: number;
  gzipBytes: number;
}

/** JS the lab page loads before its worker: index.html's module scripts and modulepreloads. */
export function firstLoadJsBytes(distDir = path.join(REPO_ROOT, 'dist')): FirstLoadBytes | null {
  const html = path.join(distDir, 'index.html');
  if (!existsSync(html)) return null;
  const text = readFileSync(html, 'utf8');
  const refs = new Set<string>();
  for (const m of text.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)) refs.add(m[1]);
  for (const m of text.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g))
    refs.add(m[1]);
  const files = [...refs].map((ref) => {
    const bytes = readFileSync(path.join(distDir, ref.replace(/^\.?\//, '')));
    return { file: ref, bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
  });
  return {
    files,
    bytes: files.reduce((a, f) => a + f.bytes, 0),
    gzipBytes: files.reduce((a, f) => a + f.gzipBytes, 0),
  };
}

export { tf };
