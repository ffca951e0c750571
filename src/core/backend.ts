import * as tf from '@tensorflow/tfjs';
import { LabError } from './errors';
import {
  BACKEND_NAMES,
  type AdapterInfo,
  type BackendName,
  type BackendPreference,
  type BackendReport,
} from './backend-names';

/**
 * Chooses the tfjs backend. Backends are *registered* by entry points (worker, CLI,
 * tests) by importing their packages; this module only picks among registered ones,
 * because `tf.setBackend` resolves false (instead of throwing) when a backend fails to
 * start, and `navigator.gpu` exists even where no adapter does.
 */
export * from './backend-names';

interface GpuAdapterLike {
  info?: Partial<AdapterInfo> & { isFallbackAdapter?: boolean };
  isFallbackAdapter?: boolean;
}

interface GpuLike {
  requestAdapter(): Promise<GpuAdapterLike | null>;
}

async function probeWebGpu(): Promise<{
  info: AdapterInfo | null;
  fallback: boolean;
  reason?: string;
}> {
  const gpu = (globalThis.navigator as { gpu?: GpuLike } | undefined)?.gpu;
  if (!gpu) return { info: null, fallback: false, reason: 'navigator.gpu is not available.' };
  let adapter: GpuAdapterLike | null = null;
  try {
    adapter = await gpu.requestAdapter();
  } catch (e) {
    return { info: null, fallback: false, reason: `requestAdapter failed: ${String(e)}.` };
  }
  if (!adapter) return { info: null, fallback: false, reason: 'No WebGPU adapter was returned.' };
  const raw = adapter.info ?? {};
  const info: AdapterInfo = {
    vendor: raw.vendor ?? '',
    architecture: raw.architecture ?? '',
    device: raw.device ?? '',
    description: raw.description ?? '',
  };
  const fallback =
    Boolean(raw.isFallbackAdapter ?? adapter.isFallbackAdapter) ||
    info.architecture === 'swiftshader';
  return { info, fallback };
}

async function trySetBackend(name: BackendName): Promise<string | null> {
  if (tf.findBackendFactory(name) == null) return `The ${name} backend is not registered.`;
  try {
    const ok = await tf.setBackend(name);
    if (!ok) return `tf.setBackend('${name}') resolved false.`;
    await tf.ready();
    return null;
  } catch (e) {
    return `The ${name} backend failed to start: ${e instanceof Error ? e.message : String(e)}.`;
  }
}

/**
 * `auto` tries WebGPU on a real (non-fallback) adapter, then wasm, webgl, cpu.
 * An explicit choice is honoured even on a software adapter, and reported as such.
 */
export async function initBackend(
  preference: BackendPreference = 'auto',
  order: readonly BackendName[] = BACKEND_NAMES,
): Promise<BackendReport> {
  const reasonsForSkipped: Record<string, string> = {};
  const candidates = preference === 'auto' ? order : [preference];
  let adapterInfo: AdapterInfo | null = null;
  let isFallbackAdapter = false;
  for (const name of candidates) {
    if (name === 'webgpu') {
      const probe = await probeWebGpu();
      if (probe.reason) {
        reasonsForSkipped.webgpu = probe.reason;
        continue;
      }
      if (probe.fallback && preference === 'auto') {
        reasonsForSkipped.webgpu = `Only a software WebGPU adapter (${probe.info?.architecture || 'fallback'}) is available.`;
        continue;
      }
      adapterInfo = probe.info;
      isFallbackAdapter = probe.fallback;
    }
    const reason = await trySetBackend(name);
    if (reason === null)
      return {
        backend: name,
        adapterInfo: name === 'webgpu' ? adapterInfo : null,
        isFallbackAdapter: name === 'webgpu' && isFallbackAdapter,
        reasonsForSkipped,
      };
    reasonsForSkipped[name] = reason;
  }
  const detail = Object.entries(reasonsForSkipped)
    .map(([k, v]) => `${k}: ${v}`)
    .join(' ');
  throw new LabError('BACKEND_UNAVAILABLE', `No TensorFlow.js backend could start. ${detail}`);
}
