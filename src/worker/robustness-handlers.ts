/** Worker requests of the robustness work: backend start with fallback, memory estimate, debug crash. */
import type { BackendPreference, BackendReport } from '../core/backend-names';
import { checkMemoryBudget, estimateTrainingMemory } from '../core/limits/memory-estimate';
import { LabError } from '../core/errors';
import { configureLossHandling, watchDeviceLoss } from './backend-loss';
import { startBackend } from './backend-startup';
import { installSimulatedHeapLimit } from './memory-handlers';
import { requireModel } from './engine-session';
import { registerBrowserBackends, withThreadCount } from './register-backends';
import type { EngineEvent, MemoryEstimateInfo, SimulateFlags } from '../protocol/messages';
import { TEST_HOOKS_ENABLED } from '../protocol/test-hooks';

export async function initEngine(
  backend: BackendPreference,
  simulate: SimulateFlags,
  emit: (e: EngineEvent) => void,
): Promise<BackendReport & { notice: string | null }> {
  if (!TEST_HOOKS_ENABLED) simulate = {};
  registerBrowserBackends({ noWasm: simulate.noWasm, wasmThreads: simulate.wasmThreads });
  configureLossHandling(simulate, emit);
  installSimulatedHeapLimit(simulate.heapLimitMiB);
  const started = await startBackend(backend);
  const { notice } = started;
  const report = withThreadCount(started.report);
  watchDeviceLoss();
  emit({ type: 'backend', report, notice });
  return { ...report, notice };
}

export function estimateMemory(batchSize: number, budgetBytes: number): MemoryEstimateInfo {
  if (!(Number.isInteger(batchSize) && batchSize > 0)) {
    throw new LabError('OUT_OF_RANGE', `Batch size ${batchSize} must be a positive integer.`);
  }
  const estimate = estimateTrainingMemory(requireModel().spec, { batch: batchSize });
  const check = checkMemoryBudget(estimate, budgetBytes);
  return { bytes: estimate.bytes, budgetBytes, ok: check.ok, warning: check.warning ?? null };
}

/** Closes the worker right after the answer is posted: a silent exit with no error event. */
export function debugClose(): { closing: boolean } {
  if (!TEST_HOOKS_ENABLED) throw testHooksOnly('debugClose');
  setTimeout(() => (globalThis as unknown as { close: () => void }).close(), 0);
  return { closing: true };
}

/** Throws outside any promise chain, so the error is uncaught and the page sees the worker fail. */
export function debugCrash(): { scheduled: boolean } {
  if (!TEST_HOOKS_ENABLED) throw testHooksOnly('debugCrash');
  setTimeout(() => {
    throw new Error('Simulated engine crash (debug request)');
  }, 0);
  return { scheduled: true };
}

function testHooksOnly(request: string): LabError {
  return new LabError('UNSUPPORTED', `The "${request}" request exists only in test builds.`);
}
