import { loadData, loadDemo, loadModelUrl } from './lab-actions';
import { useLabStore } from './store';
import { decodeLabHash, encodeLabHash } from './url-state';

const DEMO_ORIGIN = /^demo (.+)$/;

/**
 * Reproduces a shared setup: settings from the hash, the model from `?model=<url>` or the
 * hash's demo, then the hash's data. Runs once the engine is ready.
 */
export async function applyStartupLocation(search: string, hash: string): Promise<void> {
  const link = decodeLabHash(hash);
  useLabStore.getState().replaceSettings(link.settings);
  const modelUrl = new URLSearchParams(search).get('model');
  if (modelUrl) await loadModelUrl(modelUrl);
  else if (link.demo) await loadDemo(link.demo);
  if (link.data && useLabStore.getState().dataId !== link.data) await loadData(link.data);
}

/** Keeps the hash in step with the setup (replaceState: no history entry per slider move). */
export function syncHashWithStore(): () => void {
  return useLabStore.subscribe((state, previous) => {
    if (state.settings === previous.settings && state.model === previous.model && state.dataId === previous.dataId) return;
    const demo = state.model ? DEMO_ORIGIN.exec(state.model.origin)?.[1] : undefined;
    const hash = encodeLabHash({ demo, data: state.dataId ?? undefined, settings: state.settings });
    const url = `${window.location.pathname}${window.location.search}${hash ? `#${hash}` : ''}`;
    window.history.replaceState(window.history.state, '', url);
  });
}
