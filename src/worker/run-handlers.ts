import * as tf from '@tensorflow/tfjs';
import { ONNX_FILE_NAME } from '../core/formats/onnx/onnx-download';
import { onnxWebAccuracy } from './onnx-verify';
import { LabError, throwIfAborted } from '../core/errors';
import { cameFromKeras, kerasExportFiles } from '../core/formats/keras/keras-export';
import { checkClassesMatch } from '../core/pipeline/task-check';
import {
  backendLostError,
  recoverFromLoss,
  simulateFlags,
  simulateLossOnProgress,
  takeBackendLoss,
} from './backend-loss';
import type { EngineEvent } from '../protocol/messages';
import { requireCompressed, requireData, requireModel, session } from './engine-session';
import type {
  EvalSummary,
  FileBytes,
  PipelineSettings,
  RunOutcome,
  VerifyOutcome,
} from '../protocol/engine-types';
import { figuresBefore, figuresFromReport, float32Files } from './figures';
import { asOutOfMemory, checkRunFits } from './memory-handlers';
import { runCompression } from './pipeline-adapter';
import { probeIdle } from './step-timing';
import { isOutOfMemoryError } from '../core/limits/out-of-memory';
import { evaluateFiles } from './stock-model';
import { runDownload } from './download-choice';

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
  memoryBudgetBytes?: number,
): Promise<RunOutcome> {
  const model = requireModel();
  const data = requireData();
  checkInputMatches(model.summary.inputShape, data.source.inputShape);
  checkClassesMatch(model.spec, data.source);
  if (session.runs.size > 0)
    throw new LabError('BUSY', 'A run is already in progress; cancel it first.');
  checkRunFits(settings, memoryBudgetBytes);
  const controller = new AbortController();
  session.runs.set(runId, controller);
  await probeIdle();
  // The stage in force, for an out-of-memory message: compress names each stage as it starts.
  let phase = 'evaluate-before';
  const onPhase = (p: string) => (phase = p);
  try {
    const signal = controller.signal;
    return await runStages(runId, settings, signal, simulateLossOnProgress(emit), onPhase);
  } catch (e) {
    if (isOutOfMemoryError(e)) throw asOutOfMemory(e, settings, phase, memoryBudgetBytes);
    // A lost backend aborts the run like a cancel; tell it apart and move to the next backend.
    const loss = takeBackendLoss();
    if (!loss) throw e;
    const start = await recoverFromLoss(loss);
    throw backendLostError(loss, start?.report.backend ?? loss.backend);
  } finally {
    session.runs.delete(runId);
  }
}

/** `?simulate=fatal-batch=N`: allocate like a huge batch would, then fail untyped (a leak included). */
function simulateFatalError(batchSize: number): void {
  if (simulateFlags().fatalBatchSize !== batchSize) return;
  tf.zeros([batchSize, 1024]);
  throw new Error(`Simulated fatal engine error at batch ${batchSize}`);
}

function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });
}

/**
 * Compression (one evaluation of the original, inside compress), the report with its one stock
 * export, then the before/after figures read from them; a cancel is honoured between each.
 */
async function runStages(
  runId: string,
  settings: PipelineSettings,
  signal: AbortSignal,
  emit: Emit,
  onPhase: (phase: string) => void,
): Promise<RunOutcome> {
  const { spec, input, summary } = requireModel();
  const { source } = requireData();
  const started = performance.now();
  simulateFatalError(settings.batchSize);
  const result = await runCompression(spec, source, runId, settings, signal, emit, input, onPhase);
  throwIfAborted(signal);
  onPhase('export');
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
  // Measured once: the original's evaluation is compress's, the export's is report.json's.
  const before = figuresBefore(float32Files(spec), result.report.before, result.lab.report);
  const after = figuresFromReport(result.lab.report, result.lab.stockPerClassAccuracy);
  // A page run asks for a smaller file: packed when only it is smaller than the input.
  const { files, choice } = runDownload(result.lab, result.files);
  if (choice.format === 'packed') {
    after.fileBytes = result.lab.report.bytes.packed.fileBytes;
    after.gzipBytes = result.lab.report.bytes.packed.gzipBytes;
  }
  // A model that came in as .keras also goes out as .keras, beside the stock files.
  const sourceFiles = cameFromKeras(spec) ? await kerasExportFiles(result.lab) : {};
  throwIfAborted(signal);
  session.compressed = {
    runId,
    spec: result.spec,
    settings,
    files: { ...files, ...sourceFiles },
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
    ...(summary.input && { input: summary.input }),
    unitBits: result.unitBits,
    report: result.report,
    labReport: result.lab.report,
    download: choice,
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
  checkClassesMatch(requireModel().spec, data.source);
  return evaluateFiles(float32Files(requireModel().spec), data.source, 0);
}

/** The downloaded bytes, reloaded by stock tfjs and scored on the run's examples. */
export async function verifyDownload(files: FileBytes[]): Promise<VerifyOutcome> {
  const c = requireCompressed();
  // Null prototype: a file named "__proto__" or "toString" is data, not an object member.
  const record = Object.create(null) as Record<string, Uint8Array>;
  for (const f of files) record[f.name.split('/').pop()!] = new Uint8Array(f.bytes);
  const source = requireData().source;
  if (Object.hasOwn(record, ONNX_FILE_NAME) && source.task === 'classification') {
    const onnx = await onnxWebAccuracy(record[ONNX_FILE_NAME], source, c.settings.evalLimit);
    const result = { metric: 'accuracy' as const, value: onnx.accuracy, n: onnx.n };
    return { ...result, reportedValue: c.after.value, params: c.after.params };
  }
  const result = await evaluateFiles(record, source, c.settings.evalLimit);
  return { ...result, reportedValue: c.after.value, params: c.after.params };
}
