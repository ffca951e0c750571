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

describe('mark geometry', () => {
  it('uses big marks for small units and small marks for wide ones', () => {
    expect([16, 128, 1024].map((c) => markScale(c).pitchPx)).toEqual([14, 8, 5]);
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
    expect(rowHeightPx(1024, 500, false)).toBe(40 + 11 * 16 + 14);
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
