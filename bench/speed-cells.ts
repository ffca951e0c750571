import type { BrowserOutcome } from './browser-speed';
import type { FirstLoadBytes, PipelineTiming, SweepTiming } from './speed-sections';
import type { SpeedCell } from './speed-core';
import type { TorchOutcome } from './torch-runner';

/**
 * The result of one `npm run bench:speed` run and the check that every cell is there.
 * A cell counts as produced when it holds a timing, or an explicit skip whose reason is the
 * environment (no Chromium, no PyTorch, a backend that cannot start here); errors never count.
 */
export interface SpeedReport {
  mode: 'full' | 'quick';
  date: string;
  machine: { cpus: number; cpuModel: string; node: string; tfjs: string; loadAvg: number[] };
  batch: number;
  models: string[];
  node: SpeedCell[];
  torch: Record<string, TorchOutcome>;
  browser: BrowserOutcome;
  rankShift: SweepTiming;
  pipeline: PipelineTiming;
  firstLoad: FirstLoadBytes | null;
  elapsedMs: number;
}

export const NODE_BACKENDS = ['node-wasm', 'node-cpu'] as const;

function timedCell(cells: SpeedCell[], model: string, backend: string): string[] {
  const cell = cells.find((c) => c.model === model && c.backend === backend);
  if (!cell) return [`${model} on ${backend}: no cell`];
  const missing: string[] = [];
  if (!(cell.train && cell.train.medianMs > 0))
    missing.push(
      `${model} on ${backend}: no training time${cell.trainError ? ` (${cell.trainError})` : ''}`,
    );
  if (!(cell.infer.medianMs > 0)) missing.push(`${model} on ${backend}: no inference time`);
  if (cell.leakedTensors !== 0)
    missing.push(`${model} on ${backend}: leaked ${cell.leakedTensors} tensors`);
  return missing;
}

function browserMissing(r: SpeedReport, browserBackends: readonly string[]): string[] {
  if (!r.browser.ok) return [];
  const missing: string[] = [];
  for (const backend of browserBackends) {
    const res = r.browser.responses.find((x) => x.backend === backend);
    if (!res) missing.push(`browser ${backend}: not run`);
    else if (res.error) missing.push(`browser ${backend}: ${res.error}`);
    else if (!res.skipped)
      for (const m of r.models) missing.push(...timedCell(res.cells, m, `browser-${backend}`));
  }
  return missing;
}

/** Every missing or broken cell, as readable lines; empty when the run is complete. */
export function missingSpeedCells(r: SpeedReport, browserBackends: readonly string[]): string[] {
  const missing: string[] = [];
  for (const m of r.models) {
    for (const b of NODE_BACKENDS) missing.push(...timedCell(r.node, m, b));
    const t = r.torch[m];
    if (!t) missing.push(`${m} on PyTorch: no cell`);
    else if (t.ok && !(t.result.train.medianMs > 0 && t.result.infer.medianMs > 0))
      missing.push(`${m} on PyTorch: no time`);
  }
  missing.push(...browserMissing(r, browserBackends));
  if (!(r.rankShift.elapsedMs > 0 && r.rankShift.sparsities === 10 && r.rankShift.images === 512))
    missing.push('rank-shift sweep: not 10 sparsities × 512 images');
  if (!(r.pipeline.elapsedMs > 0 && r.pipeline.steps > 0))
    missing.push('default pipeline: no time');
  if (!r.firstLoad || !(r.firstLoad.gzipBytes > 0))
    missing.push('first-load JS bytes: no build output');
  return missing;
}

/** Training (or inference) time of a cell divided by PyTorch's for the same model and batch. */
export function ratioVsTorch(
  r: SpeedReport,
  cell: SpeedCell,
  what: 'train' | 'infer',
): number | null {
  const t = r.torch[cell.model];
  const mine = what === 'train' ? cell.train : cell.infer;
  if (!t?.ok || !mine || t.result.batch !== cell.batch) return null;
  return mine.medianMs / t.result[what].medianMs;
}
