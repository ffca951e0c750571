import { loadData, loadDemo, loadModelUrl } from './lab-actions';
import { useLabStore } from './store';
import { decodeLabHash, encodeLabHash } from './url-state';

const DEMO_ORIGIN = /^demo (.+)$/;
export const DEFAULT_DEMO = 'mnist-cnn';
const URL_ORIGIN = /^(https?:\/\/|\/)/;

/**
 * Reproduces a shared setup: settings from the hash, the model from `?model=<url>` or the
 * hash's demo, then the hash's data. Runs once the engine is ready. A model URL is only
 * shown and waits for the user's yes (`confirmLinkedModel`): a link alone fetches nothing.
 */
export async function applyStartupLocation(search: string, hash: string): Promise<void> {
  const link = decodeLabHash(hash);
  useLabStore.getState().replaceSettings(link.settings);
  if (link.refused) useLabStore.getState().setRunNotice(link.refused.join(' '));
  if (link.panels) useLabStore.getState().setSelection(link.panels);
  const modelUrl = new URLSearchParams(search).get('model') ?? link.modelUrl;
  if (modelUrl) useLabStore.getState().setPendingModelUrl(modelUrl);
  // Nothing asked for: open on the built-in demo, so a first visit can press Run at once.
  else await loadDemo(link.demo ?? DEFAULT_DEMO);
  if (link.data && useLabStore.getState().dataId !== link.data) await loadData(link.data);
}

/** The user's answer to a linked model URL: load it, or open the built-in demo instead. */
export async function confirmLinkedModel(load: boolean): Promise<void> {
  const url = useLabStore.getState().pendingModelUrl;
  useLabStore.getState().setPendingModelUrl(null);
  if (load && url) await loadModelUrl(url);
  else await loadDemo(DEFAULT_DEMO);
}

/** Keeps the hash in step with the setup (replaceState: no history entry per slider move). */
export function syncHashWithStore(): () => void {
  return useLabStore.subscribe((state, previous) => {
    if (
      state.settings === previous.settings &&
      state.model === previous.model &&
      state.dataId === previous.dataId &&
      state.selection === previous.selection
    )
      return;
    const demo = state.model ? DEMO_ORIGIN.exec(state.model.origin)?.[1] : undefined;
    const modelUrl =
      state.model && URL_ORIGIN.test(state.model.origin) ? state.model.origin : undefined;
    const hash = encodeLabHash({
      demo,
      modelUrl,
      data: state.dataId ?? undefined,
      settings: state.settings,
      panels: state.selection,
    });
    const url = `${window.location.pathname}${window.location.search}${hash ? `#${hash}` : ''}`;
    window.history.replaceState(window.history.state, '', url);
  });
}
