import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../store/run-slice';
import { countStates, finalKeptByGroup, markState, rankSlots, unitMarks } from './channel-states';
import { keptCountAt, swappedChannels } from './rank-in-place';

describe('channel states', () => {
  it('maps a unit phase and a channel fate to one of the four states', () => {
    expect(
      (['dense', 'measuring', 'masked', 'frozen'] as const).flatMap((phase) =>
        [true, false, null].map((kept) => markState(phase, kept)),
      ),
    ).toEqual([
      'kept',
      'kept',
      'kept',
      'measuring',
      'measuring',
      'measuring',
      'kept',
      'pruned',
      'kept',
      'frozen',
      'pruned',
      'frozen',
    ]);
  });

  it('orders marks by descending importance with ties to the lower index, as core ranks', () => {
    expect(rankSlots(5, [0.1, 0.9, 0.5, 0.9, 0])).toEqual([3, 0, 2, 1, 4]);
    expect(rankSlots(3, null)).toEqual([0, 1, 2]);
    // A score vector of the wrong length (another model) is ignored.
    expect(rankSlots(3, [1, 2])).toEqual([0, 1, 2]);
  });

  it('gives a frozen unit pruned marks for every channel outside its final mask', () => {
    const marks = unitMarks(6, 'frozen', [4, 1, 3, 2, 6, 5], [0, 4, 5]);
    expect(marks.states).toEqual(['frozen', 'pruned', 'pruned', 'pruned', 'frozen', 'frozen']);
    expect(marks.slots).toEqual([2, 5, 3, 4, 0, 1]);
    expect(marks.heights.map((h) => Number(h.toFixed(3)))).toEqual([
      0.667, 0.167, 0.5, 0.333, 1, 0.833,
    ]);
    expect(marks.keptCount).toBe(3);
    expect(countStates(marks.states)).toEqual({ kept: 0, measuring: 0, pruned: 3, frozen: 3 });
  });

  it('shows a measuring unit as measuring even where its tentative mask would prune', () => {
    const marks = unitMarks(4, 'measuring', [1, 2, 3, 4], [2, 3]);
    expect(countStates(marks.states)).toEqual({ kept: 0, measuring: 4, pruned: 0, frozen: 0 });
    expect(marks.heights).toEqual([0.25, 0.5, 0.75, 1]);
  });

  it('draws full bars before any importance is known', () => {
    expect(unitMarks(3, 'dense', null, null).heights).toEqual([1, 1, 1]);
  });
});

describe('finalKeptByGroup', () => {
  const record = (groups: RunRecord['outcome']['report']['groups']): RunRecord =>
    ({ outcome: { runId: 'r', report: { groups } } }) as unknown as RunRecord;
  const channels = new Map([
    ['a', 4],
    ['b', 2],
  ]);

  it('reads kept channels per group from the run report', () => {
    const groups = [
      { id: 'a', total: 4, kept: 2, keptChannels: [1, 3], statsSteps: 3 },
      { id: 'b', total: 2, kept: 1, keptChannels: [0], statsSteps: 3 },
    ];
    expect(finalKeptByGroup(record(groups), channels)).toEqual({ a: [1, 3], b: [0] });
  });

  it('refuses a run made on a model whose groups differ, and no run', () => {
    const wider = [{ id: 'a', total: 8, kept: 1, keptChannels: [1], statsSteps: 0 }];
    expect(finalKeptByGroup(record(wider), channels)).toBeNull();
    expect(finalKeptByGroup(undefined, channels)).toBeNull();
  });
});

describe('rank shift in place', () => {
  it('keeps k = max(1, round((1 − s)·C)) channels', () => {
    expect([keptCountAt(10, 0.5), keptCountAt(10, 0.95), keptCountAt(3, 0)]).toEqual([5, 1, 3]);
  });

  it('marks the channels whose kept / pruned fate differs between the two rankings', () => {
    const dense = [4, 3, 2, 1];
    const shifted = [4, 1, 3, 2];
    expect([...swappedChannels(dense, shifted, 0.5)].sort()).toEqual([1, 2]);
    expect(swappedChannels(dense, dense, 0.5).size).toBe(0);
    expect(swappedChannels(dense, [1, 2], 0.5).size).toBe(0);
  });
});
