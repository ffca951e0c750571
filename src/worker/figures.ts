import type { DataSource } from '../core/data/source';
import { artifactBytes } from '../core/footprint/artifact-bytes';
import { computeFootprint, performanceDensity } from '../core/footprint/footprint';
import type { ChannelGraph } from '../core/graph/types';
import { countParams, type ModelSpec } from '../core/model/spec';
import { modelFilesFromArtifacts, specToArtifacts } from '../core/model/write-artifacts';
import type { LabReport } from '../core/report/report-types';
import type { BitWidth, ModelFigures } from './engine-types';
import { evaluateFiles } from './stock-model';

function footprintOrNull(
  spec: ModelSpec,
  wbits: BitWidth,
  abits: BitWidth,
  graph?: ChannelGraph,
): number | null {
  try {
    return computeFootprint(
      spec,
      { weightBits: wbits, activationBits: abits },
      { channelGraph: graph },
    ).totals.footprintBits;
  } catch {
    return null;
  }
}

/**
 * The before/after card numbers of one model, measured on its files as stock tfjs loads
 * them — the same path a user's app takes, so the page never reports a number the
 * download cannot reproduce.
 */
export async function measureFigures(
  spec: ModelSpec,
  files: Record<string, Uint8Array>,
  bits: { wbits: BitWidth; abits: BitWidth },
  source: DataSource,
  evalLimit: number,
  graph?: ChannelGraph,
  signal?: AbortSignal,
): Promise<ModelFigures> {
  const evaluation = await evaluateFiles(files, source, evalLimit, signal);
  const bytes = artifactBytes(files);
  const footprintBits = footprintOrNull(spec, bits.wbits, bits.abits, graph);
  return {
    metric: evaluation.metric,
    value: evaluation.value,
    evaluated: evaluation.n,
    params: countParams(spec),
    fileBytes: bytes.fileBytes,
    gzipBytes: bytes.gzipBytes,
    footprintBits,
    density: footprintBits ? performanceDensity(evaluation.value, footprintBits) : null,
    ...(evaluation.perClassAccuracy && { perClassAccuracy: evaluation.perClassAccuracy }),
  };
}

/** The original model as float32 files (what the lab would write for it unchanged). */
export function float32Files(spec: ModelSpec): Record<string, Uint8Array> {
  return modelFilesFromArtifacts(specToArtifacts(spec));
}

/**
 * The "after" card from core's report (the same numbers as report.json): the metric of the
 * stock export as plain tfjs loads it, its file bytes, and the final footprint.
 */
export function figuresFromReport(report: LabReport): ModelFigures {
  const stage =
    report.metrics.find((m) => m.stage === 'stock-export') ??
    report.metrics.find((m) => m.stage === 'quantized') ??
    report.metrics.find((m) => m.stage === 'pruned');
  if (!stage) throw new Error(`The report of model "${report.model}" has no final metric.`);
  const footprintBits = report.footprint.final.footprintBits;
  return {
    metric: stage.metric === 'psnr' || stage.metric === 'agreement' ? stage.metric : 'accuracy',
    value: stage.value,
    evaluated: stage.n,
    params: report.params.after,
    fileBytes: report.bytes.stock.fileBytes,
    gzipBytes: report.bytes.stock.gzipBytes,
    footprintBits,
    density: performanceDensity(stage.value, footprintBits),
  };
}
