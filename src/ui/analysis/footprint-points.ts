import type { FootprintAxis } from '../../store/analysis-slice';
import type { StoredRun } from '../../store/stored-run';
import type { ModelFigures } from '../../protocol/engine-types';
import type { FootprintBitsSummary } from '../../protocol/analysis-types';
import { csvCell } from '../../protocol/page-core';
import { paretoFront } from './chart-geometry';

export interface FootprintPoint {
  id: string;
  /** null for the dense reference. */
  run: StoredRun | null;
  method: string;
  wbits: number;
  abits: number;
  x: number;
  y: number;
  metric: ModelFigures['metric'];
}

export const AXIS_LABELS: Record<FootprintAxis, string> = {
  weight: 'weight bits',
  'weight+act': 'weight + activation bits',
  file: 'file bytes',
};

function xOf(
  axis: FootprintAxis,
  figures: ModelFigures,
  bits: FootprintBitsSummary | null,
): number | null {
  if (axis === 'file') return figures.fileBytes;
  if (!bits) return null;
  return axis === 'weight' ? bits.weightBits : bits.footprintBits;
}

/** The chart's points: one per run of the model (newest run's dense figures as reference). */
export function footprintPoints(
  runs: readonly StoredRun[],
  modelName: string | null,
  axis: FootprintAxis,
): FootprintPoint[] {
  const mine = runs.filter((r) => r.modelName === (modelName ?? runs[0]?.modelName));
  const points: FootprintPoint[] = [];
  const reference = mine[0];
  if (reference) {
    const x = xOf(axis, reference.before, reference.footprintBefore);
    if (x !== null)
      points.push({
        id: 'dense',
        run: null,
        method: 'dense',
        wbits: 32,
        abits: 32,
        x,
        y: reference.before.value,
        metric: reference.before.metric,
      });
  }
  for (const run of mine) {
    const x = xOf(axis, run.after, run.footprintAfter);
    if (x === null) continue;
    const { method, wbits, abits } = run.settings;
    points.push({
      id: run.runId,
      run,
      method,
      wbits,
      abits,
      x,
      y: run.after.value,
      metric: run.after.metric,
    });
  }
  return points;
}

export function frontOf(points: readonly FootprintPoint[]): Set<string> {
  return new Set(paretoFront(points));
}

const CSV_COLUMNS = [
  'runId',
  'model',
  'method',
  'importance',
  'sparsity',
  'wbits',
  'abits',
  'metric',
  'before',
  'after',
  'weightBits',
  'activationBits',
  'footprintBits',
  'fileBytes',
  'gzipBytes',
  'params',
  'elapsedMs',
  'finishedAt',
];

export function runsCsv(runs: readonly StoredRun[]): string {
  const rows = runs.map((r) => [
    r.runId,
    r.modelName,
    r.settings.method,
    r.settings.importance,
    r.settings.sparsity,
    r.settings.wbits,
    r.settings.abits,
    r.after.metric,
    r.before.value,
    r.after.value,
    r.footprintAfter?.weightBits ?? null,
    r.footprintAfter?.activationBits ?? null,
    r.footprintAfter?.footprintBits ?? null,
    r.after.fileBytes,
    r.after.gzipBytes,
    r.after.params,
    r.elapsedMs,
    new Date(r.finishedAt).toISOString(),
  ]);
  return [CSV_COLUMNS, ...rows].map((row) => row.map(csvCell).join(',')).join('\n') + '\n';
}
