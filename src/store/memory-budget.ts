/**
 * The memory a training run may use before the page warns. Browsers do not tell a tab its
 * limit, so the budget is a fixed 1 GiB — a tab's practical share on a typical laptop —
 * lowered to half of `navigator.deviceMemory` on small devices (it reports at most 8 GiB, in
 * coarse steps). `?memoryBudgetMiB=N` overrides it (for the specs and for big machines).
 */
export const DEFAULT_MEMORY_BUDGET_BYTES = 1024 * 1024 * 1024;

export function memoryBudgetBytes(search: string, deviceMemoryGiB: number | undefined): number {
  const override = Number(new URLSearchParams(search).get('memoryBudgetMiB'));
  if (Number.isFinite(override) && override > 0) return Math.round(override * 1024 * 1024);
  if (deviceMemoryGiB && deviceMemoryGiB > 0) {
    return Math.min(
      DEFAULT_MEMORY_BUDGET_BYTES,
      (deviceMemoryGiB * DEFAULT_MEMORY_BUDGET_BYTES) / 2,
    );
  }
  return DEFAULT_MEMORY_BUDGET_BYTES;
}

/** The budget for this page (its URL and device). */
export function pageMemoryBudgetBytes(): number {
  const deviceMemory = (navigator as Navigator & { deviceMemory?: number }).deviceMemory;
  return memoryBudgetBytes(window.location.search, deviceMemory);
}
