/**
 * What the page asks the engine to do. Each action talks to the worker through the one
 * EngineClient and mirrors the answer into the store; engine errors are shown verbatim.
 */
import { findDemo } from '../protocol/page-core';
import { EngineError } from '../protocol/client';
import type { DataId, ExportBundle, FileBytes, PipelineSettings } from '../protocol/engine-types';
import { getEngine } from './engine-connection';
import { pageMemoryBudgetBytes } from './memory-budget';
import { copyFiles, rememberModelSource } from './model-source';
import { flushRunEvents, queueRunEvent } from './run-event-batch';
import { restartAfterOutOfMemory } from './out-of-memory-recovery';
import { useLabStore } from './store';

/**
 * Model loads run one after another: a model dropped while the start-up demo is still loading
 * waits for it, so the demo can never land after (and replace) what the user dropped.
 */
let modelLoads: Promise<void> = Promise.resolve();
function inModelQueue<A extends unknown[]>(
  load: (...args: A) => Promise<void>,
): (...args: A) => Promise<void> {
  return (...args) => {
    const next = modelLoads.then(() => load(...args));
    modelLoads = next.catch(() => undefined);
    return next;
  };
}

function messageOf(e: unknown): string {
  return e instanceof EngineError || e instanceof Error ? e.message : String(e);
}

export const loadDemo = inModelQueue(async (name: string): Promise<void> => {
  const store = useLabStore.getState();
  store.setModelLoading(name);
  try {
    store.setModel(await getEngine().request('loadDemo', { name }));
    rememberModelSource({ kind: 'demo', name });
  } catch (e) {
    useLabStore.getState().setModelError(messageOf(e));
    return;
  }
  // A demo comes with its task's data.
  const dataId = findDemo(name)?.dataId;
  if (dataId && useLabStore.getState().dataId !== dataId) await loadData(dataId);
});

export const loadModelFiles = inModelQueue(async (files: FileBytes[]): Promise<void> => {
  useLabStore.getState().setModelLoading(files.map((f) => f.name).join(', '));
  const kept = copyFiles(files);
  try {
    const summary = await getEngine().request(
      'loadModelFiles',
      { files },
      { transfer: files.map((f) => f.bytes) },
    );
    useLabStore.getState().setModel(summary);
    rememberModelSource({ kind: 'files', files: kept });
  } catch (e) {
    useLabStore.getState().setModelError(messageOf(e));
  }
});

export const loadModelUrl = inModelQueue(async (url: string): Promise<void> => {
  useLabStore.getState().setModelLoading(url);
  useLabStore.getState().setFetchingModelUrl(url);
  try {
    useLabStore.getState().setModel(await getEngine().request('loadModelUrl', { url }));
    rememberModelSource({ kind: 'url', url });
  } catch (e) {
    useLabStore.getState().setModelError(messageOf(e));
  } finally {
    useLabStore.getState().setFetchingModelUrl(null);
  }
});

/** Stops the model URL fetch in flight; its load then ends with CANCELLED. */
export async function cancelModelLoad(): Promise<void> {
  await getEngine().request('cancelModelLoad', {});
}

export async function loadData(id: DataId): Promise<void> {
  useLabStore.getState().setDataLoading(id);
  try {
    useLabStore.getState().setData(await getEngine().request('loadData', { id }));
  } catch (e) {
    useLabStore.getState().setDataError(messageOf(e));
  }
}

/** A dropped image folder becomes the data (buffers are transferred to the worker). */
export async function loadImageData(files: FileBytes[]): Promise<void> {
  useLabStore.getState().setDataLoading(null);
  try {
    const params = { files: files.map((f) => ({ path: f.name, bytes: f.bytes })) };
    const summary = await getEngine().request('loadImageData', params, {
      transfer: files.map((f) => f.bytes),
    });
    useLabStore.getState().setData(summary);
  } catch (e) {
    useLabStore.getState().setDataError(messageOf(e));
  }
}

let runCounter = 0;

/** A run restarts on the next backend at most this often after its backend is lost. */
const MAX_BACKEND_RESTARTS = 2;

/** Warns (never blocks: the estimate is a lower bound) when training may not fit. */
async function checkRunMemory(batchSize: number): Promise<void> {
  try {
    const estimate = await getEngine().request('estimateMemory', {
      batchSize,
      budgetBytes: pageMemoryBudgetBytes(),
    });
    useLabStore.getState().setMemoryWarning(estimate.warning);
  } catch {
    useLabStore.getState().setMemoryWarning(null);
  }
}

let onFatalRunError: (() => Promise<void>) | null = null;

/** What to do after a run fails with an untyped engine error (the page restarts the engine). */
export function setFatalRunHandler(handler: () => Promise<void>): void {
  onFatalRunError = handler;
}

export async function startRun(restarts = 0): Promise<void> {
  const { model } = useLabStore.getState();
  const settings = withKnownOverrides(useLabStore.getState().settings);
  const runId = `run-${Date.now().toString(36)}-${++runCounter}`;
  useLabStore.getState().startRun(runId);
  if (restarts === 0) useLabStore.getState().setRunNotice(null);
  lastBundle = null;
  try {
    await checkRunMemory(settings.batchSize);
    // A cancel clicked before the worker knew the run (while the memory check ran).
    if (useLabStore.getState().cancelling) return useLabStore.getState().failRun(null);
    const outcome = await getEngine().request(
      'runPipeline',
      { runId, settings, memoryBudgetBytes: pageMemoryBudgetBytes() },
      {
        onEvent: (event) => {
          if (event.type === 'progress') useLabStore.getState().applyProgress(event);
          else if (event.type === 'trace' || event.type === 'importance') queueRunEvent(event);
        },
      },
    );
    flushRunEvents();
    // The user's cancel wins even when the run finished before the worker saw it.
    if (useLabStore.getState().cancelling) return useLabStore.getState().failRun(null);
    useLabStore
      .getState()
      .finishRun({ outcome, settings, modelName: model?.name ?? '', finishedAt: Date.now() });
  } catch (e) {
    // The worker already moved to the next backend: run again there, automatically.
    if (e instanceof EngineError && e.code === 'BACKEND_LOST' && restarts < MAX_BACKEND_RESTARTS) {
      useLabStore.getState().setRunNotice(e.message);
      return startRun(restarts + 1);
    }
    // Out of memory may have broken the backend (a wasm abort): a fresh worker, same model and data.
    if (e instanceof EngineError && e.code === 'OUT_OF_MEMORY') {
      useLabStore.getState().failRun(e.message);
      return restartAfterOutOfMemory();
    }
    // A cancelled run records nothing and shows no error: the user asked for it.
    const cancelled = e instanceof EngineError && e.code === 'CANCELLED';
    // An untyped error may leave TensorFlow.js unusable (exhausted memory): start afresh.
    const fatal = e instanceof EngineError && e.code === 'INTERNAL' && onFatalRunError !== null;
    const restarting = fatal ? ' The engine restarts with the model and data.' : '';
    const message = messageOf(e);
    const ended = /[.!?]$/.test(message) || !fatal ? message : `${message}.`;
    useLabStore.getState().failRun(cancelled ? null : `${ended}${restarting}`);
    if (fatal) await onFatalRunError?.();
  }
}

/** Overrides for groups the loaded model lacks (a link made for another model) are left out. */
function withKnownOverrides(settings: PipelineSettings): PipelineSettings {
  const ids = new Set(useLabStore.getState().model?.groups.map((g) => g.id) ?? []);
  const overrides = Object.entries(settings.overrides).filter(([id]) => ids.has(id));
  return { ...settings, overrides: Object.fromEntries(overrides) };
}

export async function cancelRun(): Promise<void> {
  const runId = useLabStore.getState().activeRunId;
  if (!runId) return;
  useLabStore.getState().setCancelling();
  await getEngine().request('cancel', { runId });
}

/** The last export, kept outside the store (buffers are not store data). */
let lastBundle: ExportBundle | null = null;

export async function exportBundle(): Promise<ExportBundle> {
  lastBundle ??= await getEngine().request('export', {});
  return lastBundle;
}

export async function verifyDownload(): Promise<void> {
  try {
    const bundle = await exportBundle();
    const modelFiles = bundle.files.filter((f) => !f.name.startsWith('report.'));
    // Copies: the originals stay here for further downloads.
    const files = modelFiles.map((f) => ({ name: f.name, bytes: f.bytes.slice(0) }));
    const result = await getEngine().request(
      'verifyDownload',
      { files },
      { transfer: files.map((f) => f.bytes) },
    );
    useLabStore.getState().setVerify(result);
  } catch (e) {
    useLabStore.getState().setVerify(null, messageOf(e));
  }
}

export async function refreshMemory(): Promise<void> {
  try {
    useLabStore.getState().setMemory(await getEngine().request('memory', {}));
  } catch {
    // The readout is informational; a dead engine is reported elsewhere.
  }
}
