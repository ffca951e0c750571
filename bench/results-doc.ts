#!/usr/bin/env -S npx tsx
/**
 * Writes docs/results.md (and docs/results/*.svg) from the last runs in bench/out:
 * speed.json (or speed-quick.json) and quality.json (or quality-quick.json), saying which.
 * Usage: npx tsx bench/results-doc.ts
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BENCH_OUT_DIR, REPO_ROOT } from './demo-models';
import type { QualityReport } from './quality-cells';
import { pairedTable } from './quality-paired';
import { qualityTable } from './quality-table';
import type { SpeedReport } from './speed-cells';
import { browserNotes, speedTable, targetsTable } from './speed-table';
import { lineChartSvg } from './svg-plot';

function latest<T>(full: string, quick: string): T | null {
  for (const f of [full, quick]) {
    const p = path.join(BENCH_OUT_DIR, f);
    if (existsSync(p)) return JSON.parse(readFileSync(p, 'utf8')) as T;
  }
  return null;
}

function speedSection(r: SpeedReport): string {
  const m = r.machine;
  return [
    `## Speed (${r.mode} run, ${r.date})`,
    '',
    `Machine: ${m.cpus} × ${m.cpuModel}, Node ${m.node}, tfjs ${m.tfjs}, load average at start ${m.loadAvg.map((x) => x.toFixed(1)).join(' / ')} (the machine was shared; compare ratios within this run, not absolute times across runs). No GPU: WebGPU and WebGL in headless Chromium run on SwiftShader (software), so no real-GPU row exists here.`,
    `Batch ${r.batch}${r.mode === 'quick' ? ' (slow backends at a smaller batch; ratios only where batches match)' : ''}; median of the repetitions, ± is half the min–max range relative to the median.`,
    '',
    speedTable(r),
    '',
    ...browserNotes(r).map((l) => `- ${l}`),
    '',
    '### Targets',
    '',
    targetsTable(r),
    '',
    `Default pipeline phases (ms): ${Object.entries(r.pipeline.perPhaseMs)
      .map(([k, v]) => `${k} ${v.toFixed(0)}`)
      .join(', ')}.`,
    '',
  ].join('\n');
}

function rankShiftFigures(r: QualityReport, dir: string): string[] {
  const bn = r.rankShift[0]?.bnMode;
  const lines: string[] = [
    bn === 'batch'
      ? 'Measured with batch-statistics BN (what pruning sees; docs/method.md).'
      : 'Measured with inference (frozen) BN: a run from before issue 20.',
    '',
  ];
  for (const model of Object.keys(r.dense)) {
    const curves = r.rankShift.filter((c) => c.model === model);
    const tau = curves.map((c) => ({
      label: `${c.upstream}→${c.unit}`,
      points: c.points.map((p) => ({ x: p.sparsity, y: p.kendallTau })),
    }));
    const lev = curves.map((c) => ({
      label: `${c.upstream}→${c.unit}`,
      points: c.points.map((p) => ({ x: p.sparsity, y: p.levenshteinNormalized })),
    }));
    writeFileSync(
      path.join(dir, `rank-shift-tau-${model}.svg`),
      lineChartSvg(`${model}: Kendall τ vs upstream sparsity`, 'τ', [-0.2, 1], tau),
    );
    writeFileSync(
      path.join(dir, `rank-shift-lev-${model}.svg`),
      lineChartSvg(`${model}: Levenshtein / n vs upstream sparsity`, 'Lev/n', [0, 1], lev),
    );
    lines.push(
      `![τ ${model}](results/rank-shift-tau-${model}.svg) ![Levenshtein ${model}](results/rank-shift-lev-${model}.svg)`,
      '',
    );
  }
  return lines;
}

function qualitySection(r: QualityReport, dir: string): string {
  const m = r.machine;
  return [
    `## Quality (${r.mode} run, ${r.date})`,
    '',
    `Machine: ${m.cpus} × ${m.cpuModel}, Node ${m.node}, tfjs ${m.tfjs} on ${m.backend}; seeds ${r.seeds.join(', ')}; budget: the bench's own, equal for every method (I = 20, r = 5, start₀ = 0, 100 fine-tune steps, Adam 1e-3 annealed in fine-tuning, batch-statistics BN, batch ${r.budget.batchSize ?? 64}; the CLI's defaults are longer)${Object.entries(
      r.modelBudgets ?? {},
    )
      .map(
        ([model, b]) =>
          `; ${model}: ${JSON.stringify(b.budget)}${b.evalLimit ? `, metric on the first ${b.evalLimit} test images` : ''}`,
      )
      .join('')}; run time ${(r.elapsedMs / 60000).toFixed(1)} min.`,
    "Footprint = weight bits + activation bits per input (method §7); density = metric per Mbit of footprint. Joint rows are the paper's joint pipeline: layerwise-L1 pruning, then quantization-aware training of the physically pruned model (masks final) for the QAT steps the run records; their training-step count includes those steps.",
    "Narrow from scratch trains the (1 − s)-width architecture from random initialisation for the same number of steps as the pruning runs; the pruned models additionally inherit the dense model's pre-training, so this row shows what the pruning budget alone buys.",
    'Controls: one-shot-L1 with masks at the start (dense statistics, masks set when layerwise sets its first, so exposure to the final masks matches layerwise); dense + QAT only (no pruning); narrow from scratch + QAT (the same widths and bits as the pruned joint rows, hence the same footprint); on mnist-resnet the old residual timing (coupled group at its first member, member scores summed).',
    '',
    qualityTable(r),
    '',
    '### Paired differences',
    '',
    'Same seed = same data order and starting weights for both methods; mean of the per-seed differences a − b with a 95 % t-interval (n − 1 degrees of freedom).',
    '',
    pairedTable(r),
    '',
    '### Motivation: rank shift',
    '',
    ...rankShiftFigures(r, dir),
  ].join('\n');
}

export function writeResultsDoc(): string {
  const speed = latest<SpeedReport>('speed.json', 'speed-quick.json');
  const quality = latest<QualityReport>('quality.json', 'quality-quick.json');
  const dir = path.join(REPO_ROOT, 'docs', 'results');
  mkdirSync(dir, { recursive: true });
  const intro = [
    '# Results',
    '',
    'Generated by `npx tsx bench/results-doc.ts` from `bench/out/` (the last `npm run bench:speed` and `npm run bench:quality`). Do not edit by hand; the reading below the tables is written by a person.',
    '',
  ];
  const body = [
    speed ? speedSection(speed) : '## Speed\n\nNo run yet.\n',
    quality ? qualitySection(quality, dir) : '## Quality\n\nNo run yet.\n',
  ];
  const file = path.join(REPO_ROOT, 'docs', 'results.md');
  const reading = existsSync(path.join(REPO_ROOT, 'bench', 'results-reading.md'))
    ? readFileSync(path.join(REPO_ROOT, 'bench', 'results-reading.md'), 'utf8')
    : '';
  writeFileSync(file, [...intro, ...body, reading].join('\n'));
  return file;
}

if (
  process.argv[1] &&
  path.resolve(process.argv[1]) === path.join(REPO_ROOT, 'bench', 'results-doc.ts')
)
  console.log(`${writeResultsDoc()} written.`);
