import { artifactBytes } from '../core/footprint/artifact-bytes';
import { performanceDensity } from '../core/footprint/footprint';
import type { ModelSpec } from '../core/model/spec';
import { modelFilesFromArtifacts, specToArtifacts } from '../core/model/write-artifacts';
import type { ModelSnapshot } from '../core/pipeline/compress-evaluation';
import type { LabReport } from '../core/report/report-types';
import type { ModelFigures } from '../protocol/engine-types';

/**
 * The "before" card from the run itself: the original's one evaluation (compress's dense
 * snapshot), the bytes of its float32 files, and report.json's dense footprint.
 */
export function figuresBefore(
  denseFiles: Record<string, Uint8Array>,
  dense: ModelSnapshot,
  report: LabReport,
): ModelFigures {
  const bytes = artifactBytes(denseFiles);
  const footprintBits = report.footprint.dense.footprintBits;
  return {
    metric: metricName(dense.metric),
    value: dense.value,
    evaluated: dense.n,
    params: dense.params,
    fileBytes: bytes.fileBytes,
    gzipBytes: bytes.gzipBytes,
    footprintBits,
    density: performanceDensity(dense.value, footprintBits),
    ...(dense.perClassAccuracy && { perClassAccuracy: dense.perClassAccuracy }),
  };
}

function metricName(metric: string): ModelFigures['metric'] {
  return metric === 'psnr' || metric === 'agreement' ? metric : 'accuracy';
}

/** The original model as float32 files (what the lab would write for it unchanged). */
export function float32Files(spec: ModelSpec): Record<string, Uint8Array> {
  return modelFilesFromArtifacts(specToArtifacts(spec));
}

/**
 * The "after" card from core's report (the same numbers as report.json): the metric of the
 * stock export as plain tfjs loads it, its file bytes, and the final footprint.
 */
export function figuresFromReport(report: LabReport, perClassAccuracy?: number[]): ModelFigures {
  const stage =
    report.metrics.find((m) => m.stage === 'stock-export') ??
    report.metrics.find((m) => m.stage === 'quantized') ??
    report.metrics.find((m) => m.stage === 'pruned');
  if (!stage) throw new Error(`The report of model "${report.model}" has no final metric.`);
  const footprintBits = report.footprint.final.footprintBits;
  return {
    metric: metricName(stage.metric),
    value: stage.value,
    evaluated: stage.n,
    params: report.params.after,
    fileBytes: report.bytes.stock.fileBytes,
    gzipBytes: report.bytes.stock.gzipBytes,
    footprintBits,
    density: performanceDensity(stage.value, footprintBits),
    ...(perClassAccuracy && { perClassAccuracy }),
  };
}
