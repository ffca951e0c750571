import { describe, expect, it } from 'vitest';
import { choiceList, inRange, labChoices, matchChoice, rangeText } from './bounds';
import { IMPORTANCE_CHOICES } from './importance-choices';
import { LAB_SETTING_ROWS, SETTING_ROWS, SETTINGS } from './schema';

describe('settings schema', () => {
  it('gives the lab defaults of the default demo run', () => {
    const defaults = Object.fromEntries(LAB_SETTING_ROWS.map((r) => [r.key, r.default]));
    expect(defaults).toEqual({
      method: 'layerwise',
      importance: 'l1',
      sparsity: 0.5,
      statsSteps: 10,
      refreshSteps: 5,
      finetuneSteps: 150,
      learningRate: 0.003,
      batchSize: 64,
      wbits: 8,
      abits: 8,
      qatSteps: 0,
      seed: 1,
      evalLimit: 1000,
    });
  });

  it('keeps the URL parameters and CLI flags old links and scripts use, each once', () => {
    const urls = SETTING_ROWS.map((r) => r.urlParam).filter((u) => u !== null);
    const flags = SETTING_ROWS.map((r) => r.cliFlag).filter((f) => f !== null);
    expect(urls).toEqual([
      'method',
      'importance',
      'sparsity',
      'statsSteps',
      'refreshSteps',
      'finetuneSteps',
      'learningRate',
      'batchSize',
      'wbits',
      'abits',
      'qatSteps',
      'seed',
      'evalLimit',
    ]);
    expect(flags).toEqual([
      'method',
      'importance',
      'sparsity',
      'stats-steps',
      'refresh',
      'start0',
      'finetune-steps',
      'lr',
      'batch',
      'wbits',
      'abits',
      'qat-steps',
      'seed',
      'eval-limit',
    ]);
    const testIds = SETTING_ROWS.map((r) => r.testId).filter(Boolean);
    expect(new Set(testIds).size).toBe(13);
  });

  it('takes importance choices from the one importance list', () => {
    expect(SETTINGS.importance.choices).toBe(IMPORTANCE_CHOICES);
    expect(labChoices(SETTINGS.method).map((c) => c.value)).not.toContain('oneshot-early');
    expect(matchChoice(SETTINGS.method, 'oneshot-early', { lab: true })).toBeUndefined();
    expect(matchChoice(SETTINGS.method, 'oneshot-early', { lab: false })).toBe('oneshot-early');
    expect(matchChoice(SETTINGS.wbits, '4', { lab: true })).toBe(4);
    expect(matchChoice(SETTINGS.wbits, '3', { lab: true })).toBeUndefined();
  });

  it('words and checks ranges', () => {
    expect(rangeText(SETTINGS.batchSize.range)).toBe('an integer from 1 to 4096');
    expect(rangeText(SETTINGS.sparsity.range)).toBe('from 0 to below 1');
    expect(rangeText(SETTINGS.learningRate.range)).toBe('above 0 and at most 10');
    expect([0, 0.95, 1, -0.1, NaN].map((n) => inRange(SETTINGS.sparsity.range, n))).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
    expect([0, 1e-6, 10, 10.5].map((n) => inRange(SETTINGS.learningRate.range, n))).toEqual([
      false,
      true,
      true,
      false,
    ]);
    expect([1, 4096, 4097, 2.5].map((n) => inRange(SETTINGS.batchSize.range, n))).toEqual([
      true,
      true,
      false,
      false,
    ]);
    expect(rangeText(SETTINGS.learningRate.cliRange!)).toBe('above 0');
    expect(choiceList(['l1', 'l0'])).toBe('l1 or l0');
    expect(choiceList(['a', 'b', 'c'])).toBe('a, b or c');
  });
});
