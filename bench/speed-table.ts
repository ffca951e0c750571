import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RECIPES } from '../scripts/demo-training';
import { loadMnistAsset } from '../src/node/mnist-node';
import { ratioVsTorch, type SpeedReport } from './speed-cells';
import type { SpeedCell } from './speed-core';
import type { Timing } from './timing';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Markdown tables of a speed report (printed by the bench and pasted into docs/results.md). */
const ms = (t: Timing | null | undefined): string =>
  t ? `${t.medianMs.toFixed(t.medianMs < 10 ? 1 : 0)} ms ±${Math.round(t.relSpread * 100)}%` : '—';
const ratio = (x: number | null): string => (x === null ? '—' : `${x.toFixed(2)}×`);

function allCells(r: SpeedReport): SpeedCell[] {
  const browser = r.browser.ok ? r.browser.responses.flatMap((x) => x.cells) : [];
  return [...r.node, ...browser];
}

export function speedTable(r: SpeedReport): string {
  const lines = [
    `| model | backend | batch | train step | vs PyTorch | inference | vs PyTorch |`,
    '|---|---|---|---|---|---|---|',
  ];
  for (const model of r.models) {
    const t = r.torch[model];
    lines.push(
      t?.ok
        ? `| ${model} | PyTorch ${t.result.torchVersion} CPU (${t.result.threads} thread${t.result.threads > 1 ? 's' : ''}) | ${t.result.batch} | ${ms(t.result.train)} | 1.00× | ${ms(t.result.infer)} | 1.00× |`
        : `| ${model} | PyTorch | | skipped: ${t?.skipped ?? 'not run'} | | | |`,
    );
    for (const c of allCells(r).filter((x) => x.model === model)) {
      lines.push(
        `| ${model} | ${c.backend} | ${c.batch} | ${c.trainError ? `fails: ${c.trainError.slice(0, 90)}` : ms(c.train)} | ${ratio(ratioVsTorch(r, c, 'train'))} | ${ms(c.infer)} | ${ratio(ratioVsTorch(r, c, 'infer'))} |`,
      );
    }
  }
  return lines.join('\n');
}

export function browserNotes(r: SpeedReport): string[] {
  if (!r.browser.ok) return [`Browser: skipped — ${r.browser.skipped}`];
  return r.browser.responses.map((x) => {
    const adapter = x.adapter
      ? ` (adapter ${x.adapter.architecture || '?'}${x.adapter.isFallbackAdapter ? ', software fallback' : ''})`
      : '';
    if (x.skipped) return `browser ${x.backend}: skipped — ${x.skipped}`;
    if (x.error) return `browser ${x.backend}: ERROR — ${x.error}`;
    return `browser ${x.backend}: ${x.cells.length} models timed${adapter}`;
  });
}

type Row = (what: string, value: string, target: string, met: boolean | null) => string;

/**
 * `npm run train:demos` per model: the wall time the script measured and wrote into the shipped
 * card (data-parallel over the card's worker count), next to a one-process projection from
 * this run's median wasm step.
 */
function demoTrainingRows(r: SpeedReport, row: Row): string[] {
  return Object.entries(RECIPES).flatMap(([model, recipe]) => {
    const card = readCard(model);
    const cell = r.node.find((c) => c.model === model && c.backend === 'node-wasm');
    const steps = Math.floor(loadMnistAsset().trainCount / recipe.batchSize) * recipe.epochs;
    const projected =
      cell?.train && cell.batch === recipe.batchSize
        ? `; one process, projected: ${((steps * cell.train.medianMs) / 1000).toFixed(0)} s`
        : '';
    if (!card) return [];
    const seconds = card.trainMs / 1000;
    return [
      row(
        `train:demos ${model}: ${card.steps} steps on ${card.workers ?? 1} process(es), card.json${projected}`,
        `${seconds.toFixed(0)} s`,
        '≤ 300 s',
        seconds <= 300,
      ),
    ];
  });
}

function readCard(model: string): { trainMs: number; steps: number; workers?: number } | null {
  const file = path.join(ROOT, 'public', 'models', model, 'card.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
}

export function targetsTable(r: SpeedReport): string {
  const cnn = r.node.find((c) => c.model === 'mnist-cnn' && c.backend === 'node-wasm');
  const trainRatio = cnn ? ratioVsTorch(r, cnn, 'train') : null;
  const row = (what: string, value: string, target: string, met: boolean | null) =>
    `| ${what} | ${value} | ${target} | ${met === null ? '—' : met ? 'met' : 'NOT met'} |`;
  return [
    '| target | measured | goal | |',
    '|---|---|---|---|',
    row(
      'wasm training step of mnist-cnn vs PyTorch CPU',
      ratio(trainRatio),
      '≤ 1.00×',
      trainRatio === null ? null : trainRatio <= 1,
    ),
    row(
      `lab's default demo pipeline (mnist-cnn, ${r.pipeline.steps} steps${r.pipeline.trainedWeights ? '' : ', untrained weights'})`,
      `${(r.pipeline.elapsedMs / 1000).toFixed(1)} s`,
      // Issue 15: the demo default keeps ≥ 98.8 % and ends within a minute on this machine.
      '≤ 60 s',
      r.mode === 'full' ? r.pipeline.elapsedMs <= 60_000 : null,
    ),
    ...demoTrainingRows(r, row),
    row(
      `rank-shift sweep (${r.rankShift.upstream}→${r.rankShift.unit}, ${r.rankShift.sparsities} sparsities × ${r.rankShift.images} images)`,
      `${(r.rankShift.elapsedMs / 1000).toFixed(2)} s`,
      '≤ 0.5 s',
      r.rankShift.elapsedMs <= 500,
    ),
    row(
      'first-load JS of the lab (gzip)',
      r.firstLoad
        ? `${(r.firstLoad.gzipBytes / 1024).toFixed(1)} KiB (${(r.firstLoad.bytes / 1024).toFixed(0)} KiB raw, ${r.firstLoad.files.length} files)`
        : '—',
      'reported',
      null,
    ),
  ].join('\n');
}
