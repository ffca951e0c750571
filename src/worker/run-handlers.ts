import { LabError, throwIfAborted } from '../core/errors';
import {
  backendLostError,
  recoverFromLoss,
  simulateFlags,
  simulateLossOnProgress,
  takeBackendLoss,
} from './backend-loss';
import type { EngineEvent } from './protocol';
import { requireCompressed, requireData, requireModel, session } from './engine-session';
import type {
  EvalSummary,
  FileBytes,
  PipelineSettings,
  RunOutcome,
  VerifyOutcome,
} from './engine-types';
import { figuresFromReport, float32Files, measureFigures } from './figures';
import { runCompression } from './pipeline-adapter';
import { evaluateFiles } from './stock-model';

type Emit = (event: EngineEvent) => void;

function checkInputMatches(modelShape: number[], dataShape: number[]): void {
  if (modelShape.join('x') !== dataShape.join('x')) {
    throw new LabError(
      'INVALID_DATA',
      `The model expects input ${modelShape.join('×')} but the data gives ${dataShape.join('×')}; choose data of the model's input shape.`,
    );
  }
}

export async function runPipeline(
  runId: string,
  settings: PipelineSettings,
  emit: Emit,
): Promise<RunOutcome> {
  const model = requireModel();
  const data = requireData();
  checkInputMatches(model.summary.inputShape, data.source.inputShape);
  if (session.runs.size > 0)
    throw new LabError('INVALID_ARGUMENT', 'A run is already in progress; cancel it first.');
  const controller = new AbortController();
  session.runs.set(runId, controller);
  try {
    return await runStages(runId, settings, controller.signal, simulateLossOnProgress(emit));
  } catch (e) {
    // A lost backend aborts the run like a cancel; tell it apart and move to the next backend.
    const loss = takeBackendLoss();
    if (!loss) throw e;
    const start = await recoverFromLoss(loss);
    throw backendLostError(loss, start?.report.backend ?? loss.backend);
  } finally {
    session.runs.delete(runId);
  }
}

function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });
}

/** Before-figures, compression, export and after-figures; a cancel is honoured between each. */
async function runStages(
  runId: string,
  settings: PipelineSettings,
  signal: AbortSignal,
  emit: Emit,
): Promise<RunOutcome> {
  const { spec } = requireModel();
  const { source } = requireData();
  const started = performance.now();
  const before = await measureFigures(
    spec,
    float32Files(spec),
    { wbits: 32, abits: 32 },
    source,
    settings.evalLimit,
  );
  throwIfAborted(signal);
  const result = await runCompression(spec, source, runId, settings, signal, emit);
  throwIfAborted(signal);
  const runStep = Math.max(0, settings.statsSteps) + settings.finetuneSteps + settings.qatSteps;
  emit({
    type: 'progress',
    runId,
    phase: 'export',
    step: 0,
    totalSteps: 1,
    runStep,
    loss: null,
    elapsedMs: Math.round(performance.now() - started),
    etaMs: null,
  });
  const delayMs = simulateFlags().exportDelayMs ?? 0;
  if (delayMs > 0) await abortableDelay(delayMs, signal);
  const after = figuresFromReport(result.lab.report);
  if (before.perClassAccuracy) {
    // Which classes the compression hurt: the stock export, scored class by class.
    const scored = await evaluateFiles(result.files, source, settings.evalLimit);
    if (scored.perClassAccuracy) after.perClassAccuracy = scored.perClassAccuracy;
  }
  throwIfAborted(signal);
  session.compressed = {
    runId,
    spec: result.spec,
    settings,
    files: result.files,
    report: result.report,
    before,
    after,
  };
  return {
    runId,
    before,
    after,
    elapsedMs: Math.round(performance.now() - started),
    keptChannels: result.keptChannels,
    report: result.report,
  };
}

export function cancelRun(runId: string): { cancelled: boolean } {
  const controller = session.runs.get(runId);
  controller?.abort();
  return { cancelled: Boolean(controller) };
}

export async function evaluateLoaded(which: 'original' | 'compressed'): Promise<EvalSummary> {
  const data = requireData();
  if (which === 'compressed') {
    const c = requireCompressed();
    return evaluateFiles(c.files, data.source, c.settings.evalLimit);
  }
  return evaluateFiles(float32Files(requireModel().spec), data.source, 0);
}

/** The downloaded bytes, reloaded by stock tfjs and scored on the run's examples. */
export async function verifyDownload(files: FileBytes[]): Promise<VerifyOutcome> {
  const c = requireCompressed();
  const record: Record<string, Uint8Array> = {};
  for (const f of files) record[f.name.split('/').pop()!] = new Uint8Array(f.bytes);
  const result = await evaluateFiles(record, requireData().source, c.settings.evalLimit);
  return { ...result, reportedValue: c.after.value, params: c.after.params };
}
