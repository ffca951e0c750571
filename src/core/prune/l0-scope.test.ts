import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { buildChannelGraph } from '../graph/channel-graph';
import { compress } from '../pipeline/compress';
import { quadrantSource, residualSpec } from '../../../test-support/pipeline/pipeline-test-models';
import { rankShift } from '../rank-shift/analysis';
import { ActivationCollector } from './importance';
import { effectiveKinds, l0FallbackNote, measuresReluOutput } from './l0-scope';

const NOTE =
  'L0 counts non-zeros only on ReLU outputs; units not measured after a ReLU are scored by |x| (L1) instead, as the reference does: b, fc.';

describe('L0 scope (non-zero frequency only on ReLU outputs)', () => {
  it('knows which units measure a ReLU output and names the fallbacks', async () => {
    // residualSpec: a = conv (relu), b = conv (linear) coupled with a, fc = dense (softmax).
    const spec = await residualSpec();
    const graph = buildChannelGraph(spec);
    expect(graph.units.map((u) => measuresReluOutput(spec, u))).toEqual([true, false, false]);
    const kinds = effectiveKinds(spec, graph, 'l0');
    expect([...kinds]).toEqual([
      ['a', 'l0'],
      ['b', 'l1'],
      ['fc', 'l1'],
    ]);
    expect(l0FallbackNote(graph, kinds, 'l0')).toBe(NOTE);
    expect(l0FallbackNote(graph, effectiveKinds(spec, graph, 'l1'), 'l1')).toBeNull();
  });

  it('collects |x| for a fallback unit and the non-zero frequency elsewhere', async () => {
    const spec = await residualSpec();
    const graph = buildChannelGraph(spec);
    const collector = new ActivationCollector(
      graph,
      'l0',
      'sum',
      effectiveKinds(spec, graph, 'l0'),
    );
    tf.tidy(() => {
      collector.observe('a', tf.tensor2d([[0, 0.5, 3, 0]]));
      collector.observe('b', tf.tensor2d([[-2, 0.5, 0, 1]]));
    });
    // a: 1[x ≠ 0] = [0, 1, 1, 0]; b: |x| = [2, 0.5, 0, 1].
    expect(Array.from(await collector.unitScores('a'))).toEqual([0, 1, 1, 0]);
    expect(Array.from(await collector.unitScores('b'))).toEqual([2, 0.5, 0, 1]);
    collector.dispose();
  });

  it('reports the fallback in compress and rank-shift results', async () => {
    const spec = await residualSpec();
    const source = quadrantSource(64, 16);
    const config = { importance: 'l0' as const, statsSteps: 2, refreshSteps: 1, finetuneSteps: 0 };
    const { report } = await compress({ spec, source, config: { ...config, batchSize: 16 } });
    // fc feeds the output (not prunable): only the scheduled groups' units are named.
    expect(report.notes).toEqual([NOTE.replace('b, fc.', 'b.')]);
    const l1 = await compress({ spec, source, config: { ...config, importance: 'l1' } });
    expect(l1.report.notes).toEqual([]);
    const shift = await rankShift({
      spec,
      source,
      unit: 'fc',
      upstream: 'a',
      sparsities: [0.5],
      importance: 'l0',
      calibrationSize: 16,
    });
    expect(shift.notes).toEqual([NOTE]);
  });
});
