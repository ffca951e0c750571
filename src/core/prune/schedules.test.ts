import { describe, expect, it } from 'vitest';
import {
  createSchedule,
  cubicSparsityFraction,
  paperScheduleSteps,
  type ScheduleConfig,
} from './schedules';
import { traceSchedule } from './schedule-trace';

const base: ScheduleConfig = {
  kind: 'layerwise',
  groupIds: ['a', 'b', 'c'],
  statsSteps: 4,
  refreshSteps: 2,
  start0: 3,
  finetuneSteps: 5,
};

describe('layerwise schedule', () => {
  const s = createSchedule(base);

  it('spans T = start0 + G·(I+1) plus fine-tune steps', () => {
    expect(s.pruningEndStep).toBe(3 + 3 * 5);
    expect(s.totalSteps).toBe(23);
  });

  it('runs group l’s window from start_l = start0 + l·(I+1)', () => {
    expect(s.at(2).measuring).toEqual([]);
    expect(s.at(3)).toMatchObject({ activeGroup: 'a', collect: ['a'], recompute: [], masked: [] });
    // b starts at 3 + 5 = 8; t = 0..3 collect, recompute at t = 2, 4; frozen after t = 4.
    expect(s.at(8)).toMatchObject({
      activeGroup: 'b',
      collect: ['b'],
      masked: ['a'],
      frozen: ['a'],
    });
    expect(s.at(10)).toMatchObject({ collect: ['b'], recompute: ['b'], masked: ['a', 'b'] });
    expect(s.at(11).recompute).toEqual([]);
    expect(s.at(12)).toMatchObject({
      collect: [],
      recompute: ['b'],
      masked: ['a', 'b'],
      frozen: ['a'],
    });
    expect(s.at(13)).toMatchObject({
      activeGroup: 'c',
      collect: ['c'],
      masked: ['a', 'b'],
      frozen: ['a', 'b'],
    });
  });

  it('collects l only while groups before l are masked and after l dense', () => {
    for (let step = 0; step < s.totalSteps; step++) {
      const plan = s.at(step);
      for (const g of plan.collect) {
        const l = base.groupIds.indexOf(g);
        expect(base.groupIds.slice(0, l).every((u) => plan.frozen.includes(u))).toBe(true);
        expect(base.groupIds.slice(l + 1).some((u) => plan.masked.includes(u))).toBe(false);
      }
    }
  });

  it('freezes everything for the fine-tune tail', () => {
    expect(s.at(18)).toMatchObject({ collect: [], recompute: [], frozen: ['a', 'b', 'c'] });
    expect(s.at(22).masked).toEqual(['a', 'b', 'c']);
  });

  it('emits one trace event per phase change', () => {
    expect(traceSchedule(s)).toEqual([
      { groupId: 'a', phase: 'measuring', step: 3 },
      { groupId: 'a', phase: 'frozen', step: 8 },
      { groupId: 'b', phase: 'measuring', step: 8 },
      { groupId: 'b', phase: 'frozen', step: 13 },
      { groupId: 'c', phase: 'measuring', step: 13 },
      { groupId: 'c', phase: 'frozen', step: 18 },
    ]);
  });
});

describe('one-shot schedule', () => {
  const s = createSchedule({ ...base, kind: 'oneshot' });

  it('collects every group on the dense net for I steps before T, masks once at T', () => {
    expect(s.totalSteps).toBe(23);
    expect(s.at(13).collect).toEqual([]);
    expect(s.at(14)).toMatchObject({ collect: ['a', 'b', 'c'], masked: [] });
    expect(s.at(17)).toMatchObject({ collect: ['a', 'b', 'c'], recompute: [] });
    expect(s.at(18)).toMatchObject({
      collect: [],
      recompute: ['a', 'b', 'c'],
      masked: ['a', 'b', 'c'],
    });
    expect(s.at(19)).toMatchObject({ recompute: [], frozen: ['a', 'b', 'c'] });
  });

  it('still recomputes at T when there are no fine-tune steps', () => {
    const t = createSchedule({ ...base, kind: 'oneshot', finetuneSteps: 0 });
    expect(t.totalSteps).toBe(18);
    expect(t.at(18).recompute).toEqual(['a', 'b', 'c']);
  });
});

describe('early one-shot schedule (layerwise mask-exposure time)', () => {
  const s = createSchedule({ ...base, kind: 'oneshot-early' });

  it('collects on the dense net from start0 and sets every mask when layerwise sets its first', () => {
    // Layerwise's first group (window from 3, I = 4) is masked from 3 + r = 5 and frozen at 8.
    expect(s.totalSteps).toBe(23);
    expect(s.at(2).collect).toEqual([]);
    expect(s.at(3)).toMatchObject({ collect: ['a', 'b', 'c'], masked: [] });
    expect(s.at(7)).toMatchObject({
      collect: [],
      recompute: ['a', 'b', 'c'],
      masked: ['a', 'b', 'c'],
    });
    expect(s.at(8).frozen).toEqual(['a', 'b', 'c']);
    // Steps under the final masks: 23 − 7 = 16, against one-shot's 23 − 18 = 5.
    expect(s.totalSteps - 7).toBe(16);
  });

  it('scales the paper schedule to an epoch length', () => {
    expect(paperScheduleSteps(391, 2)).toEqual({
      statsSteps: 49,
      refreshSteps: 10,
      start0: 196,
      finetuneSteps: 782,
    });
    // MNIST demos: 8,000 digits at batch 32 = 250 steps per epoch.
    expect(paperScheduleSteps(250, 4)).toEqual({
      statsSteps: 31,
      refreshSteps: 6,
      start0: 125,
      finetuneSteps: 1000,
    });
  });
});

describe('stepwise schedule', () => {
  const s = createSchedule({ ...base, kind: 'stepwise' });

  it('ramps s_i = s·(1 − (1 − (i+1)/n)^3)', () => {
    const fractions = [0, 1, 2, 3, 4].map((i) => cubicSparsityFraction(i, 5));
    expect(fractions.map((f) => Number(f.toFixed(3)))).toEqual([0.488, 0.784, 0.936, 0.992, 1]);
  });

  it('refreshes every Δ = ⌊(T − start0)/n⌋ steps from start0', () => {
    // T = 18, start0 = 3 → Δ = 3: ramp at 6, 9, 12, 15, 18.
    const ramp = [];
    for (let step = 0; step <= s.totalSteps; step++) {
      const p = s.at(step);
      if (p.recompute.length) ramp.push([step, Number(p.sparsityFraction.toFixed(3))]);
    }
    expect(ramp).toEqual([
      [6, 0.488],
      [9, 0.784],
      [12, 0.936],
      [15, 0.992],
      [18, 1],
    ]);
    expect(s.at(5).masked).toEqual([]);
    expect(s.at(7).masked).toEqual(['a', 'b', 'c']);
    expect(s.at(19).frozen).toEqual(['a', 'b', 'c']);
    expect(s.at(7).collect).toEqual([]);
  });
});

describe('schedule validation', () => {
  it('rejects r > I and an empty group list', () => {
    expect(() => createSchedule({ ...base, refreshSteps: 5 })).toThrow(
      'Schedule needs 1 ≤ refresh steps (5) ≤ statistics steps (4).',
    );
    expect(() => createSchedule({ ...base, groupIds: [] })).toThrow(
      'The schedule has no prunable group to visit.',
    );
    expect(() => createSchedule({ ...base, start0: -1 })).toThrow(
      'Schedule start0 must be a non-negative integer, got -1.',
    );
  });
});
