#!/usr/bin/env -S npx tsx
/**
 * `npx tsx bench/rank-shift-figures.ts`: the motivation figures alone (no training): Kendall τ and
 * Levenshtein / n vs upstream sparsity for every consecutive pair of prunable units of the three
 * shipped demos, 512 calibration images, sparsities 0 … 0.9. Batch-statistics BN (what pruning
 * sees) writes docs/results/rank-shift-{tau,lev}-<model>.svg; inference (frozen) BN writes
 * rank-shift-tau-frozen-<model>.svg for comparison. Prints every curve.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadMnistSource } from '../src/node/mnist-node';
import { initNodeBackend } from '../src/node/node-backend';
import { DEMO_NAMES, demoInfo, loadTrainedSpec, REPO_ROOT } from './demo-models';
import type { RankShiftCurve } from './quality-cells';
import { rankShiftCurves } from './quality-run';
import { lineChartSvg } from './svg-plot';

const SWEEP = Array.from({ length: 10 }, (_, i) => i / 10);
const DIR = path.join(REPO_ROOT, 'docs', 'results');

function series(curves: RankShiftCurve[], key: 'kendallTau' | 'levenshteinNormalized') {
  return curves.map((c) => ({
    label: `${c.upstream}→${c.unit}`,
    points: c.points.map((p) => ({ x: p.sparsity, y: p[key] })),
  }));
}

async function main(): Promise<void> {
  await initNodeBackend('wasm');
  for (const name of DEMO_NAMES) {
    const ctx = {
      name,
      spec: loadTrainedSpec(name),
      source: loadMnistSource(demoInfo(name).dataId),
      budget: {},
      qatSteps: 0,
    };
    for (const bn of ['batch', 'frozen'] as const) {
      const curves = await rankShiftCurves(ctx, SWEEP, 512, bn);
      for (const c of curves)
        console.log(
          `${name} ${bn} ${c.upstream}→${c.unit}: τ ${c.points.map((p) => p.kendallTau.toFixed(2)).join(' ')}`,
        );
      const mode = bn === 'batch' ? 'batch-statistics BN' : 'frozen BN';
      const tau = lineChartSvg(
        `${name}: Kendall τ vs upstream sparsity (${mode})`,
        'τ',
        [-0.4, 1],
        series(curves, 'kendallTau'),
      );
      writeFileSync(
        path.join(DIR, `rank-shift-tau-${bn === 'batch' ? '' : 'frozen-'}${name}.svg`),
        tau,
      );
      if (bn === 'batch') {
        const lev = series(curves, 'levenshteinNormalized');
        const svg = lineChartSvg(
          `${name}: Levenshtein / n vs upstream sparsity (${mode})`,
          'Lev/n',
          [0, 1],
          lev,
        );
        writeFileSync(path.join(DIR, `rank-shift-lev-${name}.svg`), svg);
      }
    }
  }
}

await main();
