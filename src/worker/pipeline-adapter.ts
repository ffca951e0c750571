import type { DataSource } from '../core/data/source';
import type { InputSizes } from '../core/footprint/input-bytes';
import type { ModelSpec } from '../core/model/spec';
import { compress, type CompressReport } from '../core/pipeline/compress';
import { throwIfAborted } from '../core/errors';
import { compressLabResult } from '../core/pipeline/compress-lab-result';
import { buildDownload } from '../core/report/download';
import { onnxDownloadFiles } from '../core/formats/onnx/onnx-download';
import type { LabResult } from '../core/report/report-types';
import type { ProgressEvent as CoreProgress } from '../core/train/progress';
import type { PipelineSettings, UnitBits } from '../protocol/engine-types';
import { ProgressThrottle } from './progress-throttle';
import type { EngineEvent } from '../protocol/messages';

export interface CompressionResult {
  /** The final model: pruned, and after QAT when the run quantized. */
  spec: ModelSpec;
  /** Core's download files: stock model files + report.json + report.md (as the CLI writes them). */
  files: Record<string, Uint8Array>;
  /** The same report as the CLI's report.json (dense → pruned → quantized). */
  lab: LabResult;
  /** The pipeline's own report (groups, trace) that the analysis panels and replay read. */
  report: CompressReport;
  keptChannels: Record<string, number>;
  unitBits: Record<string, UnitBits>;
}

/**
 * Core progress restarts its step count in each phase; the loss curve wants one axis, so
 * steps of earlier phases are carried into `runStep`.
 */
function progressForwarder(
  runId: string,
  emit: (e: EngineEvent) => void,
): (p: CoreProgress) => void {
  const throttle = new ProgressThrottle(10);
  let phase = '';
  let offset = 0;
  let lastTotal = 0;
  return (p) => {
    if (p.phase !== phase) {
      offset += phase ? lastTotal : 0;
      phase = p.phase;
    }
    lastTotal = p.totalSteps;
    if (!throttle.offer(p, performance.now())) return;
    const loss = Number.isFinite(p.loss) ? p.loss : null;
    emit({ type: 'progress', runId, ...p, runStep: offset + p.step, loss });
  };
}

/** Runs core's compress() and packs its result exactly as the CLI does (compressLabResult + buildDownload). */
export async function runCompression(
  spec: ModelSpec,
  source: DataSource,
  runId: string,
  settings: PipelineSettings,
  signal: AbortSignal,
  emit: (e: EngineEvent) => void,
  input?: InputSizes,
  onPhase?: (phase: string) => void,
): Promise<CompressionResult> {
  const { evalLimit, ...config } = settings;
  const result = await compress({
    spec,
    source,
    config: { ...config, evalLimit: evalLimit > 0 ? evalLimit : undefined },
    signal,
    onPhase,
    onProgress: progressForwarder(runId, emit),
    onTrace: (t) => emit({ type: 'trace', runId, ...t }),
    onScores: (e) => emit({ type: 'importance', runId, ...e }),
  });
  throwIfAborted(signal);
  const lab = await compressLabResult(spec, result, source, input, signal);
  throwIfAborted(signal);
  const stock = buildDownload(lab, { format: 'stock' }).files;
  // A model that came in as ONNX also goes out as ONNX (QDQ), beside the stock files.
  const files =
    spec.meta.sourceFormat === 'onnx' ? { ...stock, ...onnxDownloadFiles(lab, true) } : stock;
  const keptChannels = Object.fromEntries(result.report.groups.map((g) => [g.id, g.kept]));
  const unitBits = Object.fromEntries(
    lab.report.layers.map((l) => [
      l.id,
      { weightBits: l.weightBits, activationBits: l.activationBits },
    ]),
  );
  return { spec: lab.spec, files, lab, report: result.report, keptChannels, unitBits };
}
