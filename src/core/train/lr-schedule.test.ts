import { describe, expect, it } from 'vitest';
import { cosineDecay } from './lr-schedule';

describe('cosineDecay', () => {
  it('starts at the base rate, halves the span midway and ends on the floor', () => {
    expect(cosineDecay(1e-3, 0, 101)).toBeCloseTo(1e-3, 12);
    expect(cosineDecay(1e-3, 50, 101)).toBeCloseTo((1e-3 + 5e-5) / 2, 12);
    expect(cosineDecay(1e-3, 100, 101)).toBeCloseTo(5e-5, 12);
    expect(cosineDecay(2, 9, 10, 0)).toBe(0);
    expect(cosineDecay(2, 0, 1)).toBe(2);
  });
});
