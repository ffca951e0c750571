import type * as tf from '@tensorflow/tfjs';
import { evaluateOnSource } from '../src/core/data/evaluate';
import type { DataSource } from '../src/core/data/source';
import type { DemoName } from '../src/core/demos/registry';
import { ModelExecutor } from '../src/core/exec/executor';
import { computeFootprint, performanceDensity } from '../src/core/footprint/footprint';
import { buildChannelGraph } from '../src/core/graph/channel-graph';
import type { ModelSpec } from '../src/core/model/spec';
import { compress } from '../src/core/pipeline/compress';
import { runQuantizeStage } from '../src/core/pipeline/quantize-stage';
import type { CompressConfig } from '../src/core/pipeline/compress-config';
import { quantizeSpecWeights } from '../src/core/quant/quant-plan';
import { rankShift } from '../src/core/rank-shift/analysis';
import { ancestorsOf } from '../src/core/rank-shift/sub-network';
import { architectureSpec } from './demo-models';
import type { QualityRowDef, QualitySample, RankShiftCurve } from './quality-cells';

/** One cell × one seed of the quality bench, and the motivation curves. */
export interface CellContext {
  name: DemoName;
  spec: ModelSpec;
  source: DataSource;
  budget: Partial<CompressConfig>;
  evalLimit?: number;
  /** QAT steps of the joint rows. */
  qatSteps: number;
}

const FLOAT = { weightBits: 32, activationBits: 32 };

async function score(
  spec: ModelSpec,
  ctx: CellContext,
  hooks: { transformOutput?: (l: string, x: tf.Tensor) => tf.Tensor } = {},
): Promise<number> {
  const exec = new ModelExecutor(spec);
  try {
    const r = await evaluateOnSource(
      (x) => exec.forward(x, { training: false, ...hooks }),
      ctx.source,
      'test',
      { limit: ctx.evalLimit, batchSize: 250 },
    );
    return r.value;
  } finally {
    exec.dispose();
  }
}

export function sampleOf(
  spec: ModelSpec,
  metric: number,
  bits: { weightBits: number; activationBits: number },
  seed: number,
  steps: number,
): QualitySample {
  const fp = computeFootprint(spec, bits).totals;
  return {
    seed,
    metric,
    footprintBits: fp.footprintBits,
    density: performanceDensity(metric, fp.footprintBits),
    params: fp.params,
    trainingSteps: steps,
  };
}

/** Prunes with `row`'s method (or trains the narrow net with the same budget); returns the final spec too. */
export async function runPruneCell(
  ctx: CellContext,
  row: QualityRowDef,
  sparsity: number,
  seed: number,
): Promise<{ sample: QualitySample; spec: ModelSpec }> {
  const config = { ...ctx.budget, seed, evalLimit: ctx.evalLimit };
  if (row.kind === 'narrow') {
    // Same architecture with every prunable width × (1 − s), from scratch, same step count:
    // sparsity 0 keeps every channel, so the layerwise schedule only trains.
    const narrow = await architectureSpec(ctx.name, 1 - sparsity, seed);
    const { spec, report } = await compress({
      spec: narrow,
      source: ctx.source,
      config: { ...config, method: 'layerwise', sparsity: 0 },
    });
    return { sample: sampleOf(spec, report.after.value, FLOAT, seed, report.steps.total), spec };
  }
  const method = { method: row.method!, importance: row.importance ?? 'l1', sparsity };
  const coupled = row.coupledGroups ? { coupledGroups: row.coupledGroups } : {};
  const { spec, report } = await compress({
    spec: ctx.spec,
    source: ctx.source,
    config: { ...config, ...method, ...coupled },
  });
  return { sample: sampleOf(spec, report.after.value, FLOAT, seed, report.steps.total), spec };
}

/**
 * The paper's joint pipeline on a pruned spec: QAT (fake-quantized weights per channel and
 * activations per tensor, straight-through gradients) for `ctx.qatSteps` steps, masks final.
 * The sample's training steps are the pruning run's plus the QAT steps.
 */
export async function runJointQat(
  ctx: CellContext,
  pruned: ModelSpec,
  bits: { weightBits: number; activationBits: number },
  seed: number,
  steps: number,
): Promise<QualitySample> {
  const result = await runQuantizeStage({
    spec: pruned,
    source: ctx.source,
    quant: { ...bits, perChannel: true, pow2: false },
    qatSteps: ctx.qatSteps,
    seed,
    evalLimit: ctx.evalLimit,
    ...(ctx.budget.batchSize ? { batchSize: ctx.budget.batchSize } : {}),
  });
  const { spec } = quantizeSpecWeights(result.spec, result.quant);
  return sampleOf(spec, result.metrics.quantized.value, bits, seed, steps + ctx.qatSteps);
}

export async function denseBaseline(
  ctx: CellContext,
): Promise<{ metric: number; sample: QualitySample }> {
  const metric = await score(ctx.spec, ctx);
  return { metric, sample: sampleOf(ctx.spec, metric, FLOAT, 0, 0) };
}

/** τ and normalised Levenshtein vs upstream sparsity for every consecutive pair of prunable units. */
export async function rankShiftCurves(
  ctx: CellContext,
  sparsities: number[],
  calibrationSize: number,
  bnMode: 'batch' | 'frozen' = 'batch',
): Promise<RankShiftCurve[]> {
  const graph = buildChannelGraph(ctx.spec);
  const prunable = new Set(graph.groups.filter((g) => g.prunable).map((g) => g.id));
  const units = graph.units.filter((u) => prunable.has(u.groupId));
  const curves: RankShiftCurve[] = [];
  for (let i = 1; i < units.length; i++) {
    const [up, unit] = [units[i - 1], units[i]];
    if (
      up.groupId === unit.groupId ||
      !ancestorsOf(ctx.spec, unit.producer).has(up.measurementLayer)
    )
      continue;
    const r = await rankShift({
      spec: ctx.spec,
      graph,
      source: ctx.source,
      unit: unit.id,
      upstream: up.id,
      sparsities,
      calibrationSize,
      bnMode,
    });
    curves.push({
      model: ctx.name,
      upstream: up.id,
      unit: unit.id,
      bnMode: r.bnMode,
      points: r.points.map((p) => ({
        sparsity: p.sparsity,
        kendallTau: p.kendallTau,
        levenshteinNormalized: p.levenshteinNormalized,
      })),
    });
  }
  return curves;
}
