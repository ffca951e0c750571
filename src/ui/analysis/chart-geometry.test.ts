import { describe, expect, it } from 'vitest';
import { extent, linearScale, logScale, logTicks, paretoFront } from './chart-geometry';

describe('paretoFront', () => {
  it('keeps points no other point beats on both memory and metric', () => {
    const points = [
      { id: 'dense', x: 1000, y: 0.99 },
      { id: 'a', x: 100, y: 0.97 },
      { id: 'b', x: 200, y: 0.95 }, // dominated by a
      { id: 'c', x: 50, y: 0.9 },
      { id: 'd', x: 300, y: 0.98 },
    ];
    expect(paretoFront(points)).toEqual(['c', 'a', 'd', 'dense']);
  });

  it('drops an equal-x point with a lower metric', () => {
    expect(
      paretoFront([
        { id: 'a', x: 5, y: 1 },
        { id: 'b', x: 5, y: 2 },
      ]),
    ).toEqual(['b']);
  });
});

describe('scales', () => {
  it('maps linearly and by decades', () => {
    expect(linearScale([0, 10], [0, 100])(2.5)).toBe(25);
    expect(logScale([10, 1000], [0, 200])(100)).toBeCloseTo(100, 10);
    expect(logTicks(150, 20_000)).toEqual([100, 1000, 10_000, 100_000]);
    expect(extent([2, 4], 0.5)).toEqual([1, 5]);
  });
});
