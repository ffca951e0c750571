import { QUALITY_SPARSITIES, rowSparsities, rowsFor, type QualityReport } from './quality-cells';
import { meanStd } from './timing';

/** Markdown tables of a quality report: mean ± std over seeds of metric, footprint, density. */
function fmtMetric(name: string, v: { mean: number; std: number }): string {
  return name === 'accuracy'
    ? `${(v.mean * 100).toFixed(2)} ± ${(v.std * 100).toFixed(2)} %`
    : `${v.mean.toFixed(2)} ± ${v.std.toFixed(2)} dB`;
}

const kbit = (bits: number): string => `${(bits / 8 / 1024).toFixed(1)} KiB`;

export function qualityTable(r: QualityReport): string {
  const parts: string[] = [];
  for (const model of Object.keys(r.dense)) {
    const dense = r.dense[model];
    const trained = r.trainedWeights[model] ? '' : ' — UNTRAINED weights (quick smoke only)';
    parts.push(
      `#### ${model}${trained}\n\ndense: ${dense.metricName} ${fmtMetric(dense.metricName, { mean: dense.metric, std: 0 })}, footprint ${kbit(dense.footprintBits)}\n`,
    );
    parts.push(
      '| method | sparsity | ' +
        dense.metricName +
        ' (mean ± std) | footprint | density (metric / Mbit) | steps |',
    );
    parts.push('|---|---|---|---|---|---|');
    const rows = rowsFor(model, r.rows, r.mode === 'quick');
    const sparsities = r.sparsities ?? [...QUALITY_SPARSITIES];
    // Quantization-only rows (no pruning) first, at 0 %.
    for (const s of [0, ...sparsities]) {
      for (const row of rows.filter((x) => rowSparsities(x, sparsities).includes(s))) {
        const cell = r.cells.find((c) => c.model === model && c.row === row.id && c.sparsity === s);
        if (!cell || cell.samples.length === 0) {
          parts.push(`| ${row.label} | ${s * 100}% | ${cell?.error ?? 'missing'} | | | |`);
          continue;
        }
        const metric = meanStd(cell.samples.map((x) => x.metric));
        const fp = meanStd(cell.samples.map((x) => x.footprintBits)).mean;
        const density = meanStd(cell.samples.map((x) => x.density * 1e6));
        parts.push(
          `| ${row.label} | ${s * 100}% | ${fmtMetric(cell.metricName, metric)} | ${kbit(fp)} | ${density.mean.toFixed(3)} ± ${density.std.toFixed(3)} | ${cell.samples[0].trainingSteps} |`,
        );
      }
    }
    parts.push('');
  }
  return parts.join('\n');
}
