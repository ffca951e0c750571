/**
 * After OUT_OF_MEMORY the worker's backend may be unusable (a wasm abort leaves its heap in an
 * unknown state), so the page replaces the worker and sends it the model and data again. The
 * failed run's message stays on screen; nothing of the run was recorded.
 */
export async function restartAfterOutOfMemory(): Promise<void> {
  // Loaded lazily: engine-recovery imports lab-actions, which imports this module.
  const { restartEngine } = await import('./engine-recovery');
  await restartEngine();
}
