import { describe, expect, it } from 'vitest';
import {
  markLines,
  marksPerLine,
  markScale,
  rowHeightPx,
  rowOffsets,
  slotPosition,
  visibleRows,
} from './mark-geometry';
import { unitMarks } from './channel-states';
import { summaryPaths } from './summary-geometry';

describe('mark geometry', () => {
  it('uses big marks for small units and small marks for wide ones', () => {
    expect([16, 128, 1024].map((c) => markScale(c, 2000).pitchPx)).toEqual([14, 8, 5]);
    // 64 channels in 874 px: 13 px instead of 14 keeps them on one line.
    expect(markScale(64, 874)).toEqual({ pitchPx: 13, markWidthPx: 11, maxHeightPx: 24 });
    expect(markLines(64, 874)).toBe(1);
    expect(markScale(64, 100).pitchPx).toBe(5);
  });

  it('wraps marks into lines that fit the width', () => {
    expect(marksPerLine(1024, 500)).toBe(100);
    expect(markLines(1024, 500)).toBe(11);
    expect(markLines(16, 500)).toBe(1);
    expect(slotPosition(101, 1024, 500)).toEqual({ x: 5, y: 16 });
    expect(slotPosition(3, 16, 500)).toEqual({ x: 42, y: 0 });
  });

  it('sizes a row as header + mark lines + padding (+ the inline rank-shift strip)', () => {
    expect(rowHeightPx(16, 500, false)).toBe(40 + 28 + 14);
    expect(rowHeightPx(16, 500, true)).toBe(40 + 28 + 14 + 56);
    expect(rowHeightPx(1024, 500, false, true)).toBe(40 + 11 * 16 + 14);
    // Wide units are collapsed to a profile until expanded.
    expect(rowHeightPx(1024, 500, false)).toBe(40 + 36 + 14);
    expect(rowHeightPx(128, 500, false)).toBe(40 + 2 * 22 + 14);
  });

  it('finds the rows a scroll window shows, with overscan', () => {
    const offsets = rowOffsets([100, 100, 100, 100, 100]);
    expect(offsets).toEqual([0, 100, 200, 300, 400, 500]);
    expect(visibleRows(offsets, 0, 150, 0)).toEqual({ first: 0, last: 1 });
    expect(visibleRows(offsets, 210, 100, 0)).toEqual({ first: 2, last: 3 });
    expect(visibleRows(offsets, 210, 100, 100)).toEqual({ first: 1, last: 4 });
    expect(visibleRows([0], 0, 100, 0)).toEqual({ first: 0, last: -1 });
  });
});

describe('summary profile', () => {
  it('draws ranked buckets as one path per state, bar height = mean importance', () => {
    const marks = unitMarks(6, 'frozen', [6, 5, 4, 3, 2, 1], [0, 1, 2]);
    // 9 px → 3 buckets of 2 channels; a tie between frozen and pruned goes to pruned.
    expect(summaryPaths(marks, 9, 10)).toEqual({
      kept: '',
      measuring: '',
      frozen: 'M0 1h2.5v9h-2.5z',
      pruned: 'M3 4h2.5v6h-2.5zM6 7h2.5v3h-2.5z',
    });
  });
});
