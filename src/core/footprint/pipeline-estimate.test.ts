import { describe, expect, it } from 'vitest';
import { exportPacked } from '../export/export-packed';
import { exportStock } from '../export/export-stock';
import { buildChannelGraph } from '../graph/channel-graph';
import { planFromScores } from '../graph/pruning-plan';
import { parseModelFiles } from '../model/load-files';
import { countParams } from '../model/spec';
import { FLOAT_BITS } from '../quant/quant-plan';
import { applyPruningPlan } from '../surgery/apply-plan';
import {
  sizeTestSpec,
  uint8ModelFiles,
} from '../../../test-support/fixtures/quantized-input-model';
import { inputSizes } from './input-bytes';
import { estimateRunExport, prunedShapeOf } from './pipeline-estimate';

/** A run's real pruning: channels chosen by (here: seeded pseudo-random) scores. */
function prunedByScores(spec: ReturnType<typeof parseModelFiles>, sparsity: number) {
  const graph = buildChannelGraph(spec);
  let state = 7;
  const scores = Object.fromEntries(
    graph.groups
      .filter((g) => g.prunable)
      .map((g) => [
        g.id,
        Float32Array.from({ length: g.channels }, () => (state = (state * 48271) % 2147483647)),
      ]),
  );
  return applyPruningPlan(spec, graph, planFromScores(graph, scores, sparsity));
}

describe('export sizes of a prune-and-quantize run, before it runs', () => {
  it('are within 10 % (stock) and 5 % (packed) of the real files of the pruned model, for float and 8/4 bits', async () => {
    const files = uint8ModelFiles(await sizeTestSpec());
    const spec = parseModelFiles(files);
    const input = inputSizes(files, spec);
    for (const [sparsity, bits] of [
      [0.5, 8],
      [0.25, 4],
      [0.1, 4],
      [0.5, 32],
    ]) {
      const real = prunedByScores(spec, sparsity);
      expect(countParams(prunedShapeOf(spec, sparsity))).toBe(countParams(real));
      const quant = { weightBits: bits, activationBits: FLOAT_BITS, perChannel: true, pow2: false };
      const est = estimateRunExport(spec, { sparsity, weightBits: bits }, input.modelJsonBytes);
      const stock = exportStock(real, quant).sizes.fileBytes;
      const packed = exportPacked(real, quant).sizes.fileBytes;
      // The stock JSON of the scale layers is approximated (≈ 700 B each): 10 % on this small model.
      expect(Math.abs(est.stockBytes / stock - 1)).toBeLessThan(0.1);
      expect(Math.abs(est.packedBytes / packed - 1)).toBeLessThan(0.05);
    }
  });

  it('an already-uint8 input: 4 bits with no pruning is larger in stock, smaller packed', async () => {
    const files = uint8ModelFiles(await sizeTestSpec());
    const spec = parseModelFiles(files);
    const input = inputSizes(files, spec);
    const est = estimateRunExport(spec, { sparsity: 0, weightBits: 4 }, input.modelJsonBytes);
    expect(est.stockBytes).toBeGreaterThan(input.fileBytes);
    expect(est.packedBytes).toBeLessThan(input.fileBytes);
    expect(prunedShapeOf(spec, 0)).toBe(spec);
    // A per-group override prunes that group alone.
    const first = buildChannelGraph(spec).groups.find((g) => g.prunable)!;
    const one = prunedShapeOf(spec, 0, { [first.id]: 0.5 });
    expect(countParams(one)).toBeLessThan(countParams(spec));
    expect(countParams(one)).toBeGreaterThan(countParams(prunedShapeOf(spec, 0.5)));
  });
});
