/**
 * Picks the backend the engine trains on and keeps picking while backends fail. A backend
 * is skipped when it does not start, when its training gradients disagree with the cpu
 * reference (checkBackendGradients; cpu itself is the reference and is not checked), or when
 * it was lost during a run. Skipped backends stay excluded for this worker's life, and the
 * next one of the auto order (webgpu → wasm → webgl → cpu) is tried.
 */
import * as tf from '@tensorflow/tfjs';
import {
  BACKEND_NAMES,
  initBackend,
  type BackendName,
  type BackendPreference,
  type BackendReport,
} from '../core/backend';
import { isLabError } from '../core/errors';
import { checkBackendGradients } from '../core/robustness/backend-sanity';

export interface BackendStart {
  report: BackendReport;
  /** Why the engine is not on the backend it would normally use; null when nothing failed. */
  notice: string | null;
}

const excluded = new Map<BackendName, string>();

/** Keeps `name` out of every later start (a failed check, a lost device). */
export function excludeBackend(name: BackendName, reason: string): void {
  excluded.set(name, reason);
}

export function excludedBackends(): ReadonlyMap<BackendName, string> {
  return excluded;
}

function describeFallback(backend: BackendName, failures: Map<string, string>): string | null {
  if (failures.size === 0) return null;
  const why = [...failures]
    .map(([name, reason]) => `${name}: ${reason.replace(/[.\s]+$/, '')}`)
    .join('; ');
  return `The engine runs on ${backend} because ${why}.`;
}

async function initOrExclude(
  preference: BackendPreference,
  failures: Map<string, string>,
): Promise<BackendReport | null> {
  const order = BACKEND_NAMES.filter((n) => !excluded.has(n));
  try {
    return await initBackend(preference, order);
  } catch (e) {
    // An explicit choice that cannot start falls back to the auto order; auto has nothing left.
    if (preference === 'auto' || !isLabError(e) || e.code !== 'BACKEND_UNAVAILABLE') throw e;
    const reason = e.message.replace(/^No TensorFlow\.js backend could start\. \w+: /, '');
    excludeBackend(preference, reason);
    failures.set(preference, reason);
    return null;
  }
}

/** Starts the first usable backend, running the gradient check on every non-cpu one. */
export async function startBackend(preference: BackendPreference): Promise<BackendStart> {
  const failures = new Map<string, string>(excluded);
  let wanted: BackendPreference =
    preference !== 'auto' && excluded.has(preference) ? 'auto' : preference;
  for (;;) {
    const report = await initOrExclude(wanted, failures);
    wanted = 'auto';
    if (!report) continue;
    // Startup failures other than the routine "no real WebGPU adapter" are worth telling.
    for (const [name, reason] of Object.entries(report.reasonsForSkipped)) {
      if (name !== 'webgpu' || preference === 'webgpu') failures.set(name, reason);
    }
    const check = report.backend === 'cpu' ? null : await checkBackendGradients();
    if (check && !check.ok) {
      excludeBackend(
        report.backend,
        check.message ?? `The ${report.backend} backend failed the gradient check.`,
      );
      failures.set(report.backend, check.message ?? '');
      continue;
    }
    const reasonsForSkipped = { ...report.reasonsForSkipped, ...Object.fromEntries(excluded) };
    return {
      report: { ...report, reasonsForSkipped },
      notice: describeFallback(report.backend, failures),
    };
  }
}

/** The real WebGPU device's `lost` promise (tfjs keeps the GPUDevice on its backend). */
export function webGpuDeviceLost(): Promise<string> | null {
  if (tf.getBackend() !== 'webgpu') return null;
  const device = (
    tf.backend() as unknown as {
      device?: { lost?: Promise<{ reason?: string; message?: string }> };
    }
  ).device;
  return (
    device?.lost?.then(
      (info) =>
        `the WebGPU device was lost (${info.reason ?? 'unknown'}: ${info.message || 'no message'})`,
    ) ?? null
  );
}

export function currentBackend(): BackendName {
  return tf.getBackend() as BackendName;
}
