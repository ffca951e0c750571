import { describe, expect, it } from 'vitest';
import { applyPreset, matchingPreset, PRESETS } from './pipeline-presets';
import { DEFAULT_SETTINGS } from './pipeline-settings';

describe('schedule presets', () => {
  it("offers Quick look, Paper's schedule and Best quality", () => {
    expect(PRESETS.map((p) => p.label)).toEqual(['Quick look', "Paper's schedule", 'Best quality']);
  });

  it("sets the paper's I = 49 and r = 10 and keeps sparsity, method and bits", () => {
    const custom = {
      ...DEFAULT_SETTINGS,
      sparsity: 0.7,
      wbits: 4 as const,
      method: 'oneshot' as const,
    };
    const paper = applyPreset(custom, 'paper');
    expect([paper.statsSteps, paper.refreshSteps, paper.batchSize]).toEqual([49, 10, 128]);
    expect([paper.sparsity, paper.wbits, paper.method]).toEqual([0.7, 4, 'oneshot']);
  });

  it('recognises the preset a setting follows, and none after an edit', () => {
    const quick = applyPreset(DEFAULT_SETTINGS, 'quick');
    expect(matchingPreset(quick)).toBe('quick');
    expect(matchingPreset({ ...quick, statsSteps: 6 })).toBeNull();
    expect(matchingPreset(DEFAULT_SETTINGS)).toBeNull();
  });
});
