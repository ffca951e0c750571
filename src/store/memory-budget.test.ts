import { describe, expect, it } from 'vitest';
import { DEFAULT_MEMORY_BUDGET_BYTES, memoryBudgetBytes } from './memory-budget';

describe('memoryBudgetBytes', () => {
  it('is 1 GiB by default and on devices with 2 GiB or more', () => {
    expect(memoryBudgetBytes('', undefined)).toBe(1073741824);
    expect(memoryBudgetBytes('', 8)).toBe(DEFAULT_MEMORY_BUDGET_BYTES);
    expect(memoryBudgetBytes('', 2)).toBe(1073741824);
  });

  it('is half the device memory on small devices', () => {
    expect(memoryBudgetBytes('', 0.5)).toBe(268435456);
  });

  it('takes ?memoryBudgetMiB= over everything, and ignores junk', () => {
    expect(memoryBudgetBytes('?memoryBudgetMiB=3', 8)).toBe(3145728);
    expect(memoryBudgetBytes('?memoryBudgetMiB=abc', undefined)).toBe(1073741824);
    expect(memoryBudgetBytes('?memoryBudgetMiB=-1', 0.5)).toBe(268435456);
  });
});
