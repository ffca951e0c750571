import { LabError } from './errors';

/** Backend names and reports: tfjs-free, so the page can use them without loading tfjs. */
export type BackendName = 'webgpu' | 'wasm' | 'webgl' | 'cpu';
export type BackendPreference = BackendName | 'auto';

export const BACKEND_NAMES: readonly BackendName[] = ['webgpu', 'wasm', 'webgl', 'cpu'];

export interface AdapterInfo {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
}

export interface BackendReport {
  backend: BackendName;
  adapterInfo: AdapterInfo | null;
  isFallbackAdapter: boolean;
  reasonsForSkipped: Record<string, string>;
  /** wasm only: the XNNPACK thread pool size (1 unless the page is cross-origin isolated). */
  threadCount?: number;
}

export function parseBackendPreference(value: string | null | undefined): BackendPreference {
  if (value == null || value === '' || value === 'auto') return 'auto';
  if ((BACKEND_NAMES as readonly string[]).includes(value)) return value as BackendName;
  throw new LabError(
    'INVALID_ARGUMENT',
    `Unknown backend "${value}": choose one of auto, ${BACKEND_NAMES.join(', ')}.`,
  );
}
