/**
 * The memory plan of the next run, asked of the engine whenever the model, data or settings
 * change: a small store of its own (plain data) that the Run button and the plan line read.
 */
import { create } from 'zustand';
import type { PipelineSettings } from '../protocol/engine-types';
import type { MemoryPlanInfo } from '../protocol/messages';
import { getEngine } from './engine-connection';
import { pageMemoryBudgetBytes } from './memory-budget';

interface MemoryPlanState {
  plan: MemoryPlanInfo | null;
  /** Settings key the plan was made for, so a stale answer is dropped. */
  key: string | null;
}

export const useMemoryPlan = create<MemoryPlanState>()(() => ({ plan: null, key: null }));

let asked = 0;

export async function refreshMemoryPlan(settings: PipelineSettings): Promise<void> {
  const key = JSON.stringify(settings);
  const ticket = ++asked;
  useMemoryPlan.setState({ key });
  try {
    const plan = await getEngine().request('memoryPlan', {
      settings,
      budgetBytes: pageMemoryBudgetBytes(),
    });
    if (ticket === asked) useMemoryPlan.setState({ plan });
  } catch {
    // No model yet or the engine restarting: no plan, and nothing to refuse.
    if (ticket === asked) useMemoryPlan.setState({ plan: null });
  }
}

export function clearMemoryPlan(): void {
  asked++;
  useMemoryPlan.setState({ plan: null, key: null });
}

/** Why Run must wait for a smaller setting; null when the plan fits (or there is none). */
export function memoryRefusal(): string | null {
  return useMemoryPlan.getState().plan?.refusal ?? null;
}
