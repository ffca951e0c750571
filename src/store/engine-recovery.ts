/**
 * "Restart engine" after the worker died: a new worker with the same backend choice, then
 * the model (and data) the page had, reloaded into it — no page reload, so the finished runs
 * in the store stay.
 */
import { restartWorker } from './engine-connection';
import { loadData, loadDemo, loadModelFiles, loadModelUrl } from './lab-actions';
import { copyFiles, lastModelSource } from './model-source';
import { useLabStore } from './store';

async function reloadModel(): Promise<void> {
  const source = lastModelSource();
  if (!source) return;
  if (source.kind === 'demo') await loadDemo(source.name);
  else if (source.kind === 'url') await loadModelUrl(source.url);
  // Copies again: loading transfers the buffers it is given.
  else await loadModelFiles(copyFiles(source.files));
}

export async function restartEngine(): Promise<void> {
  const { dataId, model } = useLabStore.getState();
  // Until the new worker holds them again, the page must not offer a run on them.
  if (model) useLabStore.getState().setModelLoading(model.origin);
  if (dataId) useLabStore.getState().setDataLoading(dataId);
  await restartWorker();
  if (useLabStore.getState().engineStatus !== 'ready') return;
  await reloadModel();
  // The new worker holds no data yet, whatever the store remembers.
  if (dataId) await loadData(dataId);
}
