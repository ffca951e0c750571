#!/usr/bin/env -S npx tsx
/**
 * `npm run bench:quality [-- --quick]`: the paper's comparison on the three demo models at 50 %
 * and 75 % channel sparsity — seven pruning schedules, narrow-from-scratch, and layerwise-L1
 * followed by QAT at W8A8/W4A8/W4A4 — over several seeds at one training-step budget, plus the
 * rank-shift motivation curves. Writes bench/out/quality[-quick].json; exits 1 on a missing cell.
 * A full run can be split over processes: `--models mnist-cnn` writes quality-part-mnist-cnn.json,
 * and `--merge` joins every part into quality.json.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DemoName } from '../src/core/demos/registry';
import type { CompressConfig } from '../src/core/pipeline/compress-config';
import { loadMnistSource } from '../src/node/mnist-node';
import { initNodeBackend } from '../src/node/node-backend';
import {
  architectureSpec,
  BENCH_OUT_DIR,
  DEMO_NAMES,
  demoInfo,
  hasTrainedModel,
  loadTrainedSpec,
  machineFacts,
  REPO_ROOT,
} from './demo-models';
import { paperScheduleSteps } from '../src/core/prune/schedules';
import {
  missingQualityCells,
  QUALITY_ROWS,
  QUALITY_SPARSITIES,
  rowsFor,
  type QualityCell,
  type QualityRowDef,
  type QualityReport,
} from './quality-cells';
import { pairedTable } from './quality-paired';
import {
  denseBaseline,
  rankShiftCurves,
  runJointQat,
  runPruneCell,
  type CellContext,
} from './quality-run';
import { qualityTable } from './quality-table';

export interface QualityOptions {
  quick: boolean;
  models: DemoName[];
  log: (line: string) => void;
  /** Subsets for a partial run (--seeds N, --rows a,b, --sparsities 0.75); default: the plan's. */
  seeds?: number[];
  rows?: string[];
  sparsities?: number[];
  /** 'paper': the reference schedule scaled to each model's epoch (--budget paper). */
  budgetName?: 'bench' | 'paper';
}

/**
 * The bench's own short budget, equal for every method: 100 fine-tune steps at Adam 1e-3 and
 * 100 QAT steps at batch 32 (the CLI defaults are 800 + 200 steps at 3e-3, batch 64). It keeps
 * the 3-seed run near 40 minutes on two processes.
 */
export const BENCH_BUDGET: Partial<CompressConfig> = {
  batchSize: 32,
  finetuneSteps: 100,
  learningRate: 0.001,
};
/**
 * The paper's own schedule as a bench budget: I ≈ 1/8 epoch, r ≈ 1/40 epoch, start₀ ≈ 1/2 epoch
 * (paperScheduleSteps), then a long fine-tune of PAPER_FINETUNE_EPOCHS; same batch and rate.
 */
const PAPER_FINETUNE_EPOCHS = 4;

function paperBudget(budget: Partial<CompressConfig>, trainSize: number): Partial<CompressConfig> {
  const stepsPerEpoch = Math.ceil(trainSize / (budget.batchSize ?? 64));
  return { ...budget, ...paperScheduleSteps(stepsPerEpoch, PAPER_FINETUNE_EPOCHS) };
}

const FULL = {
  // Seven paired seeds: enough for a t-interval on the headline differences.
  seeds: [1, 2, 3, 4, 5, 6, 7],
  budget: BENCH_BUDGET,
  evalLimit: undefined as number | undefined,
  // A denoiser step costs ≈ 4× a classifier step: batch 16 and 500 test images keep it near an hour.
  modelBudgets: {
    'mnist-denoiser': { budget: { batchSize: 16 }, evalLimit: 500 },
  } as NonNullable<QualityReport['modelBudgets']>,
  sweep: Array.from({ length: 10 }, (_, i) => i / 10),
  calibration: 512,
  qatSteps: 100,
};
const QUICK = {
  seeds: [1],
  budget: { statsSteps: 2, refreshSteps: 1, finetuneSteps: 4, batchSize: 16 },
  // 100 test images (was 200) pays for the control rows, so the smoke run keeps its length.
  evalLimit: 100,
  modelBudgets: {} as NonNullable<QualityReport['modelBudgets']>,
  sweep: [0, 0.5],
  calibration: 64,
  qatSteps: 4,
};

interface CellPlan {
  quick: boolean;
  seeds: number[];
  rows?: string[];
  sparsities: number[];
}

function logCell(log: (l: string) => void, cell: QualityCell): void {
  const values = cell.samples.map((s) => s.metric.toFixed(4)).join(', ');
  log(
    `  ${cell.model} ${cell.row} @${cell.sparsity}: ${values}${cell.error ? ` ERROR ${cell.error}` : ''}\n`,
  );
}

/** Quantization-only rows: QAT of the dense model, same QAT steps and seeds as the joint rows. */
async function quantOnlyCells(ctx: CellContext, plan: CellPlan, log: (l: string) => void) {
  const metricName = demoInfo(ctx.name).task === 'classification' ? 'accuracy' : 'psnr';
  const cells: QualityCell[] = [];
  for (const row of rowsFor(ctx.name, plan.rows, plan.quick).filter(
    (r) => r.kind === 'quant-only',
  )) {
    const cell: QualityCell = {
      model: ctx.name,
      row: row.id,
      sparsity: 0,
      metricName,
      samples: [],
    };
    for (const seed of plan.seeds) {
      try {
        cell.samples.push(await runJointQat(ctx, ctx.spec, row.bits!, seed, 0));
      } catch (e) {
        cell.error = e instanceof Error ? e.message : String(e);
      }
    }
    logCell(log, cell);
    cells.push(cell);
  }
  return cells;
}

/** The cells of one base row (prune or narrow) at one sparsity, with the joint rows on top of it. */
function baseCells(ctx: CellContext, rows: QualityRowDef[], row: QualityRowDef, sparsity: number) {
  const metricName = demoInfo(ctx.name).task === 'classification' ? 'accuracy' : 'psnr';
  const make = (id: string): QualityCell => ({
    model: ctx.name,
    row: id,
    sparsity,
    metricName,
    samples: [],
  });
  const joints = rows.filter((j) => j.kind === 'joint-qat' && j.base === row.id);
  return { row, cell: make(row.id), joints: joints.map((j) => ({ j, cell: make(j.id) })) };
}

/**
 * Seeds outermost: after k seeds every row has k paired samples, so an interrupted run still
 * leaves complete pairs in the log (one line per seed and row).
 */
async function modelCells(
  ctx: CellContext,
  plan: CellPlan,
  log: (l: string) => void,
): Promise<QualityCell[]> {
  const cells = await quantOnlyCells(ctx, plan, log);
  const rows = rowsFor(ctx.name, plan.rows, plan.quick);
  for (const sparsity of plan.sparsities) {
    const bases = rows
      .filter((r) => r.kind === 'prune' || r.kind === 'narrow')
      .map((row) => baseCells(ctx, rows, row, sparsity));
    for (const seed of plan.seeds) {
      for (const { row, cell, joints } of bases) {
        try {
          const { sample, spec } = await runPruneCell(ctx, row, sparsity, seed);
          cell.samples.push(sample);
          log(`    ${ctx.name} ${row.id} @${sparsity} seed ${seed}: ${sample.metric.toFixed(4)}\n`);
          // Joint rows quantize their base row's final model, seed by seed.
          for (const { j, cell: jc } of joints)
            jc.samples.push(await runJointQat(ctx, spec, j.bits!, seed, sample.trainingSteps));
        } catch (e) {
          cell.error = e instanceof Error ? e.message : String(e);
        }
      }
    }
    for (const { cell, joints } of bases) {
      logCell(log, cell);
      cells.push(cell, ...joints.map((x) => x.cell));
    }
  }
  return cells;
}

export async function runQualityBench(opts: QualityOptions): Promise<QualityReport> {
  const started = performance.now();
  const plan = opts.quick ? QUICK : FULL;
  const seeds = opts.seeds ?? plan.seeds;
  const sparsities = opts.sparsities ?? [...QUALITY_SPARSITIES];
  const report = await initNodeBackend('wasm');
  const out: QualityReport = {
    mode: opts.quick ? 'quick' : 'full',
    date: new Date().toISOString(),
    machine: { ...machineFacts(), backend: report.backend },
    seeds,
    budget: plan.budget,
    budgetName: opts.budgetName ?? 'bench',
    ...(opts.rows ? { rows: opts.rows } : {}),
    sparsities,
    modelBudgets: plan.modelBudgets,
    trainedWeights: {},
    dense: {},
    cells: [],
    rankShift: [],
    elapsedMs: 0,
  };
  for (const name of opts.models) {
    const trained = hasTrainedModel(name);
    if (!trained && !opts.quick)
      throw new Error(
        `public/models/${name}/model.json is missing: run npm run train:demos first.`,
      );
    const source = loadMnistSource(demoInfo(name).dataId);
    const budget = { ...plan.budget, ...plan.modelBudgets[name]?.budget };
    const ctx: CellContext = {
      name,
      spec: trained ? loadTrainedSpec(name) : await architectureSpec(name),
      source,
      budget: opts.budgetName === 'paper' ? paperBudget(budget, source.size('train')) : budget,
      evalLimit: plan.modelBudgets[name]?.evalLimit ?? plan.evalLimit,
      qatSteps: plan.qatSteps,
    };
    out.trainedWeights[name] = trained;
    const dense = await denseBaseline(ctx);
    out.dense[name] = {
      metricName: demoInfo(name).task === 'classification' ? 'accuracy' : 'psnr',
      metric: dense.metric,
      footprintBits: dense.sample.footprintBits,
      density: dense.sample.density,
    };
    out.cells.push(
      ...(await modelCells(
        ctx,
        { quick: opts.quick, seeds, rows: opts.rows, sparsities },
        opts.log,
      )),
    );
    out.rankShift.push(...(await rankShiftCurves(ctx, plan.sweep, plan.calibration)));
  }
  out.elapsedMs = performance.now() - started;
  return out;
}

function modelsArg(argv: string[]): DemoName[] {
  const i = argv.indexOf('--models');
  if (i < 0) return [...DEMO_NAMES];
  const names = (argv[i + 1] ?? '').split(',').filter(Boolean);
  const unknown = names.filter((n) => !DEMO_NAMES.includes(n as DemoName));
  if (!names.length || unknown.length)
    throw new Error(
      `--models takes a comma list of ${DEMO_NAMES.join(', ')}; got "${argv[i + 1]}".`,
    );
  return names as DemoName[];
}

/** Joins the per-model part files of a full run split over processes (--models) into one report. */
function mergeParts(): QualityReport {
  const parts = readdirSync(BENCH_OUT_DIR)
    .filter((f) => /^quality-part-.+\.json$/.test(f))
    .map((f) => JSON.parse(readFileSync(path.join(BENCH_OUT_DIR, f), 'utf8')) as QualityReport);
  if (!parts.length) throw new Error(`No quality-part-*.json in ${BENCH_OUT_DIR} to merge.`);
  const merged: QualityReport = { ...parts[0], cells: [], rankShift: [], elapsedMs: 0 };
  for (const p of parts) {
    merged.cells.push(...p.cells);
    merged.rankShift.push(...p.rankShift);
    Object.assign(merged.dense, p.dense);
    merged.modelBudgets = { ...merged.modelBudgets, ...p.modelBudgets };
    Object.assign(merged.trainedWeights, p.trainedWeights);
    merged.elapsedMs = Math.max(merged.elapsedMs, p.elapsedMs); // the parts ran side by side
    if (p.date > merged.date) merged.date = p.date;
  }
  return merged;
}

function listArg(argv: string[], flag: string): string[] | undefined {
  const i = argv.indexOf(flag);
  return i < 0 ? undefined : (argv[i + 1] ?? '').split(',').filter(Boolean);
}

/** Subset flags: --seeds N (seeds 1…N), --rows ids (joint rows bring their base), --sparsities, --budget. */
function subsetArgs(
  argv: string[],
): Pick<QualityOptions, 'seeds' | 'rows' | 'sparsities' | 'budgetName'> {
  const seeds = listArg(argv, '--seeds');
  const rows = listArg(argv, '--rows');
  const unknown = rows?.filter((id) => !QUALITY_ROWS.some((r) => r.id === id)) ?? [];
  if (unknown.length) throw new Error(`--rows: unknown row ${unknown.join(', ')}.`);
  const bases = QUALITY_ROWS.filter((r) => rows?.includes(r.id) && r.base).map((r) => r.base!);
  const budget = listArg(argv, '--budget')?.[0];
  if (budget !== undefined && budget !== 'paper' && budget !== 'bench')
    throw new Error(`--budget takes bench or paper; got "${budget}".`);
  return {
    ...(seeds ? { seeds: Array.from({ length: Number(seeds[0]) }, (_, i) => i + 1) } : {}),
    ...(rows ? { rows: [...new Set([...rows, ...bases])] } : {}),
    ...(listArg(argv, '--sparsities')
      ? { sparsities: listArg(argv, '--sparsities')!.map(Number) }
      : {}),
    ...(budget ? { budgetName: budget } : {}),
  };
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const quick = argv.includes('--quick');
  const merge = argv.includes('--merge');
  const log = (line: string) => process.stderr.write(line);
  const models = modelsArg(argv);
  const partial = models.length < DEMO_NAMES.length;
  const subset = subsetArgs(argv);
  log(`bench:quality (${merge ? 'merge' : quick ? 'quick' : 'full'})\n`);
  const report = merge ? mergeParts() : await runQualityBench({ quick, models, log, ...subset });
  mkdirSync(BENCH_OUT_DIR, { recursive: true });
  const name =
    listArg(argv, '--out')?.[0] ??
    (partial && !merge
      ? `quality-${quick ? 'quick-' : ''}part-${models.join('+')}.json`
      : quick
        ? 'quality-quick.json'
        : 'quality.json');
  const file = path.join(BENCH_OUT_DIR, name);
  writeFileSync(file, `${JSON.stringify(report, null, 1)}\n`);
  console.log(qualityTable(report));
  console.log(
    `\nPaired differences (same seed = same data order and start):\n\n${pairedTable(report)}`,
  );
  const missing = missingQualityCells(report, merge ? DEMO_NAMES : models);
  console.log(
    `\n${file} written in ${(report.elapsedMs / 1000).toFixed(0)} s; ${missing.length ? `MISSING CELLS:\n  ${missing.join('\n  ')}` : 'every cell produced.'}`,
  );
  return missing.length ? 1 : 0;
}

if (
  process.argv[1] &&
  path.resolve(process.argv[1]) === path.join(REPO_ROOT, 'bench', 'quality.ts')
)
  process.exitCode = await main();
