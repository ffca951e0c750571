/**
 * Export sizes of a prune-and-quantize run before it starts: the loaded model pruned at the
 * run's sparsity (which channels go does not change the shapes, so the first k of each group
 * are kept) and its weights at the run's bits, in both formats. The page and the CLI compare
 * this with the input's bytes and warn when the stock file would not be smaller.
 */
import { buildChannelGraph } from '../graph/channel-graph';
import { planFromScores } from '../graph/pruning-plan';
import type { ModelSpec } from '../model/spec';
import { FLOAT_BITS } from '../quant/quant-plan';
import { applyPruningPlan } from '../surgery/apply-plan';
import { estimateExport, type ExportEstimate } from './export-estimate';

export interface RunExportChoice {
  /** Fraction of channels each prunable group loses (0 = quantize only). */
  sparsity: number;
  /** Per-group sparsity (group id → s), overriding `sparsity`. */
  overrides?: Record<string, number>;
  /** 2–8 bits per weight, or 32 (float). */
  weightBits: number;
}

/** The model as the run will shape it: every prunable group at its sparsity. */
export function prunedShapeOf(
  spec: ModelSpec,
  sparsity: number,
  overrides: Record<string, number> = {},
): ModelSpec {
  const graph = buildChannelGraph(spec);
  const prunable = graph.groups.filter((g) => g.prunable);
  const perGroup = Object.fromEntries(prunable.map((g) => [g.id, overrides[g.id] ?? sparsity]));
  if (Object.values(perGroup).every((s) => s <= 0)) return spec;
  const scores = Object.fromEntries(prunable.map((g) => [g.id, new Float32Array(g.channels)]));
  return applyPruningPlan(spec, graph, planFromScores(graph, scores, perGroup));
}

export function estimateRunExport(
  spec: ModelSpec,
  choice: RunExportChoice,
  modelJsonBytes: number,
): ExportEstimate {
  const pruned = prunedShapeOf(spec, choice.sparsity, choice.overrides);
  if (choice.weightBits >= FLOAT_BITS) {
    const params = Object.values(pruned.weights).reduce((n, w) => n + w.data.length, 0);
    const bytes = params * 4 + modelJsonBytes;
    return { weights: FLOAT_BITS, stockBytes: bytes, packedBytes: bytes };
  }
  return estimateExport(pruned, choice.weightBits, modelJsonBytes);
}
