import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { compress } from '../../pipeline/compress';
import { methodPlan, resolveCompressConfig } from '../../pipeline/compress-config';
import {
  quadrantSource,
  smallCnnSpec,
} from '../../../../test-support/pipeline/pipeline-test-models';
import { criterionChoices, importanceCriteria, isCriterionId } from './catalog';

describe('importance criteria registry', () => {
  it('lists every criterion once, with a label and a one-sentence description', () => {
    const criteria = importanceCriteria();
    expect(criteria.map((c) => c.id)).toEqual(['l1', 'l0', 'taylor', 'weight-l1', 'random']);
    expect(criteria.filter((c) => c.needsData).map((c) => c.id)).toEqual(['l1', 'l0', 'taylor']);
    expect(criteria.every((c) => c.label.length > 0 && c.description.endsWith('.'))).toBe(true);
    expect([isCriterionId('taylor'), isCriterionId('l2')]).toEqual([true, false]);
    expect(criterionChoices((c) => !c.needsData)).toBe('weight-l1 or random');
  });

  it('names the choices for an unknown criterion, and a method that fixes its own wins', () => {
    expect(() => resolveCompressConfig({ importance: 'l2' as 'l1' })).toThrow(
      'Unknown importance "l2": choose l1, l0, taylor, weight-l1 or random.',
    );
    const taylor = resolveCompressConfig({ method: 'layerwise', importance: 'taylor' });
    expect(methodPlan(taylor)).toEqual({ schedule: 'layerwise', importance: 'taylor' });
    expect(methodPlan({ ...taylor, method: 'random' })).toEqual({
      schedule: 'layerwise',
      importance: 'random',
    });
    expect(methodPlan({ ...taylor, method: 'stepwise' }).importance).toBe('weight-l1');
  });

  it('runs compress with each criterion: the report names it, statistics steps as counted, no leaks', async () => {
    const spec = await smallCnnSpec();
    const source = quadrantSource(64, 32);
    const base = { sparsity: 0.5, statsSteps: 3, refreshSteps: 1, finetuneSteps: 1, batchSize: 16 };
    const before = tf.memory().numTensors;
    const rows: [string, number[], number[]][] = [];
    for (const { id } of importanceCriteria()) {
      const config = { ...base, method: 'layerwise' as const, importance: id, evalLimit: 32 };
      const { report } = await compress({ spec, source, config });
      rows.push([
        report.importance,
        report.groups.map((g) => g.statsSteps),
        report.groups.map((g) => g.kept),
      ]);
    }
    expect(rows).toEqual([
      ['l1', [3, 3], [4, 4]],
      ['l0', [3, 3], [4, 4]],
      ['taylor', [3, 3], [4, 4]],
      ['weight-l1', [0, 0], [4, 4]],
      ['random', [0, 0], [4, 4]],
    ]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
