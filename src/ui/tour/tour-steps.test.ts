import { describe, expect, it } from 'vitest';
import { shouldOpenTour, TOUR_STEPS, TOUR_STORAGE_KEY } from './tour-steps';

const storageWith = (value: string | null) => ({
  getItem: (key: string) => (key === TOUR_STORAGE_KEY ? value : null),
});

describe('the guided tour', () => {
  it('has at most six steps, and the pruning card marks half the channels pruned', () => {
    expect(TOUR_STEPS.length).toBe(5);
    const pruned = TOUR_STEPS[1].rows[0].marks.filter((s) => s === 'pruned');
    expect(pruned).toHaveLength(4);
  });

  it('opens on a first visit and stays closed once finished or skipped', () => {
    expect(shouldOpenTour(storageWith(null), '', false)).toBe(true);
    expect(shouldOpenTour(storageWith('1'), '', false)).toBe(false);
    expect(shouldOpenTour(null, '', false)).toBe(true);
  });

  it('stays closed for automated browsers unless ?tour=1 asks for it', () => {
    expect(shouldOpenTour(storageWith(null), '', true)).toBe(false);
    expect(shouldOpenTour(storageWith('1'), '?tour=1', true)).toBe(true);
    expect(shouldOpenTour(storageWith(null), '?tour=0', false)).toBe(false);
  });
});
