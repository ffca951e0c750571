import { describe, expect, it } from 'vitest';
import type { StoredRun } from '../../store/stored-run';
import { DEFAULT_SETTINGS } from '../../store/pipeline-settings';
import { footprintPoints, frontOf, runsCsv } from './footprint-points';

const figures = (value: number, fileBytes: number) => ({
  metric: 'accuracy' as const,
  value,
  evaluated: 100,
  params: 10,
  fileBytes,
  gzipBytes: null,
  footprintBits: null,
  density: null,
});
const bits = (w: number, a: number) => ({ weightBits: w, activationBits: a, footprintBits: w + a });

function run(
  id: string,
  method: StoredRun['settings']['method'],
  value: number,
  fileBytes: number,
  model = 'm',
): StoredRun {
  return {
    schemaVersion: 1,
    runId: id,
    modelName: model,
    settings: { ...DEFAULT_SETTINGS, method },
    finishedAt: 0,
    elapsedMs: 5,
    before: figures(0.99, 4000),
    after: figures(value, fileBytes),
    footprintBefore: bits(32000, 9000),
    footprintAfter: bits(fileBytes * 8, 100),
    keptChannels: {},
    report: { groups: [], trace: [] } as unknown as StoredRun['report'],
    labReport: null,
    artifactName: null,
    artifactNote: null,
  };
}

describe('footprint points', () => {
  const runs = [
    run('a', 'layerwise', 0.97, 500),
    run('b', 'oneshot', 0.95, 600),
    run('c', 'random', 0.9, 300),
    run('z', 'layerwise', 0.5, 1, 'other'),
  ];

  it('has one point per run of the model plus the dense reference', () => {
    const points = footprintPoints(runs, 'm', 'file');
    expect(points.map((p) => [p.id, p.x, p.y])).toEqual([
      ['dense', 4000, 0.99],
      ['a', 500, 0.97],
      ['b', 600, 0.95],
      ['c', 300, 0.9],
    ]);
    expect([...frontOf(points)].sort()).toEqual(['a', 'c', 'dense']);
    expect(footprintPoints(runs, 'm', 'weight+act')[1].x).toBe(4100);
  });

  it('writes a CSV row per run, quoting cells with commas', () => {
    const csv = runsCsv([run('x,1', 'layerwise', 0.97, 500)])
      .trim()
      .split('\n');
    expect(csv).toHaveLength(2);
    expect(
      csv[1].startsWith('"x,1",m,layerwise,l1,0.5,8,8,accuracy,0.99,0.97,4000,100,4100,500,,10,5,'),
    ).toBe(true);
  });

  it('writes a model name that looks like a formula as text', () => {
    const csv = runsCsv([run('r1', 'layerwise', 0.97, 500, '=HYPERLINK("x")<img src=x>')]);
    expect(csv.split('\n')[1].startsWith(`r1,"'=HYPERLINK(""x"")<img src=x>",layerwise,`)).toBe(
      true,
    );
  });
});
