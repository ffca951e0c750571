import { FLOAT_BITS } from '../quant/quant-plan';
import { markdownText } from './inert-text';
import type { LabReport } from './report-types';
import { sizeLines } from './size-vs-input';

/** report.md: the report as readable tables (the numbers are report.json's). */

const bitsLabel = (b: number) => (b === FLOAT_BITS ? 'float32' : `${b}-bit`);
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const densityLabel = (d: number | null) => (d === null ? 'n/a (no data)' : d.toExponential(3));
const kbit = (bits: number) => `${(bits / 1000).toFixed(1)} kbit`;

function metricTable(r: LabReport): string[] {
  return [
    '| Stage | Metric | Value | n | What was evaluated |',
    '| --- | --- | ---: | ---: | --- |',
    ...r.metrics.map(
      (m) =>
        `| ${m.stage} | ${markdownText(m.metric)} | ${m.value.toFixed(4)} | ${m.n} | ${markdownText(m.what)} |`,
    ),
  ];
}

function layerTable(r: LabReport): string[] {
  return [
    '| Unit | Channels kept / total | Weight bits | Activation bits | Params before → after |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...r.layers.map(
      (l) =>
        `| ${markdownText(l.id)} | ${l.channelsKept} / ${l.channelsTotal} | ${bitsLabel(l.weightBits)} | ${bitsLabel(l.activationBits)} | ${l.paramsBefore} → ${l.paramsAfter} |`,
    ),
  ];
}

function sizeTable(r: LabReport): string[] {
  const fp = r.footprint;
  return [
    '| | Dense (float32) | Final |',
    '| --- | ---: | ---: |',
    `| Parameters | ${r.params.before} | ${r.params.after} |`,
    `| Weight bits | ${kbit(fp.dense.weightBits)} | ${kbit(fp.final.weightBits)} |`,
    `| Activation bits (per input) | ${kbit(fp.dense.activationBits)} | ${kbit(fp.final.activationBits)} |`,
    `| Footprint | ${kbit(fp.dense.footprintBits)} | ${kbit(fp.final.footprintBits)} (${fp.compressionRatio.toFixed(1)}× smaller) |`,
    `| Performance density (metric / bit) | ${densityLabel(r.performanceDensity.dense)} | ${densityLabel(r.performanceDensity.final)} |`,
    `| Stock files (file / gzip) | ${kib(r.bytes.denseFloat32)} float32 weights | ${kib(r.bytes.stock.fileBytes)} / ${kib(r.bytes.stock.gzipBytes)} |`,
    `| Packed files (file / gzip) | | ${kib(r.bytes.packed.fileBytes)} / ${kib(r.bytes.packed.gzipBytes)} |`,
    `| Runtime weight bytes after a tfjs load | ${kib(r.bytes.denseFloat32)} | ${kib(r.bytes.runtime)} |`,
  ];
}

/** Against the files the user gave first; the float32 comparison is the labelled secondary line. */
function inputLines(r: LabReport): string[] {
  const files = { stock: r.bytes.stock, packed: r.bytes.packed };
  return sizeLines(files, r.bytes.input ?? null, r.bytes.denseFloat32).map((l) => `- ${l}`);
}

export function reportMarkdown(r: LabReport): string {
  const q = r.config.quant;
  const c = r.config.compress;
  const what = [
    c ? `${c.method} pruning at sparsity ${c.sparsity}` : 'no pruning',
    `W${q.weightBits === FLOAT_BITS ? 32 : q.weightBits}A${q.activationBits === FLOAT_BITS ? 32 : q.activationBits}`,
    q.mode === 'qat'
      ? `QAT ${q.qatSteps} steps (weights after ${q.weightDelaySteps}, activations after ${q.activationDelaySteps})`
      : q.mode === 'ptq'
        ? `PTQ over ${q.calibrationBatches} calibration batches`
        : 'no quantization',
    q.perChannel ? 'per-channel conv scales' : 'per-tensor scales',
    ...(q.pow2 ? ['power-of-two scales'] : []),
  ].join(', ');
  const phases = Object.entries(r.timings.perPhase)
    .map(([p, ms]) => `${p} ${(ms / 1000).toFixed(1)} s`)
    .join(', ');
  return [
    `# Pruning Lab report: ${markdownText(r.model)}`,
    '',
    `${what}. Backend: ${markdownText(r.backend)}.`,
    '',
    '## Metric',
    ...metricTable(r),
    '',
    '## Size',
    ...inputLines(r),
    '',
    ...sizeTable(r),
    '',
    '## Layers',
    ...layerTable(r),
    '',
    '## Notes',
    ...r.notes.map((n) => `- ${markdownText(n)}`),
    '',
    `Time: ${(r.timings.totalMs / 1000).toFixed(1)} s (${phases}).`,
    '',
  ].join('\n');
}
