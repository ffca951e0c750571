import { describe, expect, it } from 'vitest';
import { foldImportance } from '../../store/network-slice';
import type { RunRecord } from '../../store/run-slice';
import type { ImportanceEvent } from '../../protocol/messages';
import { bitsLabel, deriveRunView, type RunViewInput } from './run-view';

const importance = (
  runId: string,
  groupId: string,
  step: number,
  kept: number[],
): ImportanceEvent => ({
  type: 'importance',
  runId,
  groupId,
  step,
  scores: [3, 1, 2, 0],
  keptChannels: kept,
});

const finished = {
  outcome: {
    runId: 'r1',
    report: { groups: [{ id: 'a', total: 4, kept: 2, keptChannels: [0, 2] }] },
    unitBits: { a: { weightBits: 8, activationBits: 8 } },
  },
} as unknown as RunRecord;

const base: RunViewInput = {
  activeRunId: null,
  groupPhases: {},
  scoresRunId: null,
  groupScores: {},
  lastRun: undefined,
  quantizing: false,
  targetBits: { weightBits: 4, activationBits: 8 },
  groupChannels: new Map([['a', 4]]),
};

describe('foldImportance', () => {
  it('keeps the last recompute per group and starts afresh for a new run', () => {
    const first = foldImportance(null, {}, [
      importance('r1', 'a', 5, [0, 1]),
      importance('r1', 'a', 10, [0, 2]),
      importance('r1', 'b', 16, [1]),
    ]);
    expect(first.scoresRunId).toBe('r1');
    expect(
      Object.entries(first.groupScores).map(([id, g]) => [id, g.step, g.keptChannels]),
    ).toEqual([
      ['a', 10, [0, 2]],
      ['b', 16, [1]],
    ]);
    const next = foldImportance('r1', first.groupScores, [importance('r2', 'a', 5, [3])]);
    expect([next.scoresRunId, Object.keys(next.groupScores), next.groupScores.a.step]).toEqual([
      'r2',
      ['a'],
      5,
    ]);
    expect(first.groupScores.a.step).toBe(10);
  });
});

describe('deriveRunView', () => {
  it('shows the live run: its phases, its scores only, and the bits it quantizes to', () => {
    const live = deriveRunView({
      ...base,
      activeRunId: 'r2',
      groupPhases: { a: 'measuring' },
      scoresRunId: 'r2',
      groupScores: { a: { step: 5, scores: [1, 2, 3, 4], keptChannels: [2, 3] } },
      quantizing: true,
    });
    expect([live.source, live.phases.a, live.scores.a, live.kept.a, live.quantizingTo]).toEqual([
      'live',
      'measuring',
      [1, 2, 3, 4],
      [2, 3],
      { weightBits: 4, activationBits: 8 },
    ]);
    const stale = deriveRunView({ ...base, activeRunId: 'r3', scoresRunId: 'r2', groupScores: {} });
    expect(stale.kept).toEqual({});
  });

  it('shows a finished run frozen with its report masks and final bits', () => {
    const done = deriveRunView({ ...base, lastRun: finished });
    expect([done.source, done.phases, done.kept, done.unitBits.a.weightBits]).toEqual([
      'finished',
      { a: 'frozen' },
      { a: [0, 2] },
      8,
    ]);
  });

  it('shows the dense model when the last run belongs to another model', () => {
    const other = deriveRunView({ ...base, lastRun: finished, groupChannels: new Map([['a', 8]]) });
    expect([other.source, other.kept]).toEqual(['dense', {}]);
  });

  it('labels bits plainly', () => {
    expect([
      bitsLabel(undefined),
      bitsLabel({ weightBits: 32, activationBits: 32 }),
      bitsLabel({ weightBits: 8, activationBits: 32 }),
      bitsLabel({ weightBits: 4, activationBits: 8 }),
    ]).toEqual(['float32', 'float32', 'W 8-bit · A float', 'W 4-bit · A 8-bit']);
  });
});
