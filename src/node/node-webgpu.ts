/**
 * WebGPU in Node through Dawn (the npm `webgpu` package): gives tfjs-backend-webgpu the
 * `navigator.gpu` it looks for, then registers that backend. The package checks for
 * `navigator.gpu` when it is imported, so it is imported only after the global exists.
 * Where Dawn finds no adapter (no Vulkan loader, no GPU) `requestAdapter()` resolves null and
 * core's initBackend says so; the CLI then fails with that reason rather than running elsewhere.
 */
interface NodeGpuGlobals {
  navigator?: { gpu?: unknown };
}

let installed: Promise<void> | null = null;

async function install(): Promise<void> {
  const { create, globals } = await import('webgpu');
  Object.assign(globalThis, globals);
  const g = globalThis as unknown as NodeGpuGlobals;
  const gpu = create([]);
  if (g.navigator) Object.defineProperty(g.navigator, 'gpu', { value: gpu, configurable: true });
  else g.navigator = { gpu };
  await import('@tensorflow/tfjs-backend-webgpu');
}

/** Installs Dawn's navigator.gpu and the tfjs webgpu backend once per process. */
export function installNodeWebGpu(): Promise<void> {
  installed ??= install();
  return installed;
}

/** The adapter Dawn offers here, or why there is none (what a skipped GPU test prints). */
export async function nodeGpuAdapterOrReason(): Promise<{ adapter: boolean; reason: string }> {
  await installNodeWebGpu();
  const gpu = (globalThis as unknown as { navigator: { gpu: GPU } }).navigator.gpu;
  const adapter = await gpu.requestAdapter();
  if (!adapter) return { adapter: false, reason: 'Dawn (npm webgpu) returned no WebGPU adapter.' };
  const info = adapter.info;
  return {
    adapter: true,
    reason: `${info.vendor} ${info.architecture} ${info.description}`.trim(),
  };
}
