/**
 * A backend that dies under a run (a WebGPU `device.lost`, or the simulated loss the e2e
 * specs use) takes one path: the loss is recorded, every run in flight is aborted (core then
 * disposes the run's tensors as on a cancel), the run handler sees the recorded loss instead of
 * a plain cancel, excludes the lost backend and starts the next one.
 */
import { LabError } from '../core/errors';
import type { BackendName } from '../core/backend-names';
import {
  currentBackend,
  excludeBackend,
  startBackend,
  webGpuDeviceLost,
  type BackendStart,
} from './backend-startup';
import { session } from './engine-session';
import type { EngineEvent, SimulateFlags } from '../protocol/messages';

export interface BackendLoss {
  backend: BackendName;
  reason: string;
}

let pendingLoss: BackendLoss | null = null;
let simulate: SimulateFlags = {};
let simulatedLossDone = false;
/** Where a loss outside any run is reported (the init request's emitter reaches every listener). */
let globalEmit: ((e: EngineEvent) => void) | null = null;

export function configureLossHandling(flags: SimulateFlags, emit: (e: EngineEvent) => void): void {
  simulate = flags;
  globalEmit = emit;
}

/** The page's failure simulations (set at init). */
export function simulateFlags(): SimulateFlags {
  return simulate;
}

export function reportBackendLost(backend: BackendName, reason: string): void {
  if (pendingLoss) return;
  pendingLoss = { backend, reason };
  if (session.runs.size === 0) {
    void recoverFromLoss().catch((e) => globalEmit?.({ type: 'log', message: String(e) }));
    return;
  }
  for (const controller of session.runs.values()) controller.abort();
}

/** Hooks the real device's `lost` promise; call after every backend start. */
export function watchDeviceLoss(): void {
  const lost = webGpuDeviceLost();
  void lost?.then((reason) => reportBackendLost('webgpu', reason));
}

/** The loss recorded since the last call, if any (the run handler asks after an abort). */
export function takeBackendLoss(): BackendLoss | null {
  const loss = pendingLoss;
  pendingLoss = null;
  return loss;
}

/** Excludes the lost backend, starts the next one and tells every listener. */
export async function recoverFromLoss(loss = takeBackendLoss()): Promise<BackendStart | null> {
  if (!loss) return null;
  excludeBackend(loss.backend, `${loss.reason.replace(/[.\s]+$/, '')}.`);
  const start = await startBackend('auto');
  watchDeviceLoss();
  globalEmit?.({ type: 'backend', report: start.report, notice: start.notice });
  return start;
}

/** The error a run ends with after a loss: it names both backends and the reason. */
export function backendLostError(loss: BackendLoss, now: BackendName): LabError {
  return new LabError(
    'BACKEND_LOST',
    `The ${loss.backend} backend was lost during the run (${loss.reason.replace(/[.\s]+$/, '')}); the engine now runs on ${now} and the run restarts there.`,
  );
}

/**
 * `?simulate=device-lost-after=N`: after N training steps of the first run the engine behaves
 * as if the device were lost. It fires once per worker, so the restarted run can finish.
 */
export function simulateLossOnProgress(emit: (e: EngineEvent) => void): (e: EngineEvent) => void {
  const afterSteps = simulate.deviceLostAfterSteps;
  if (afterSteps === undefined || simulatedLossDone) return emit;
  return (event) => {
    emit(event);
    if (event.type !== 'progress' || simulatedLossDone || event.runStep < afterSteps) return;
    simulatedLossDone = true;
    reportBackendLost(currentBackend(), `simulated device loss after ${afterSteps} training steps`);
  };
}
