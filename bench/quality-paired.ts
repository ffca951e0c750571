import type { QualityCell, QualityReport } from './quality-cells';

/**
 * Paired comparisons of the quality bench. Both methods of a pair run with the same seeds, and a
 * seed fixes the data order and the starting weights (the shipped model, or the seeded narrow
 * initialisation), so per-seed differences cancel what the seed alone changes. Each pair gets the
 * mean difference a − b with a 95 % confidence interval from the t-distribution (n − 1 degrees of
 * freedom) and the count of seeds where a is ahead.
 */
export interface PairDef {
  a: string;
  b: string;
  /** What the difference isolates. */
  question: string;
}

export const QUALITY_PAIRS: readonly PairDef[] = [
  { a: 'layerwise-l1', b: 'oneshot-l1', question: 'the paper vs one-shot (timing + ranking)' },
  {
    a: 'layerwise-l1',
    b: 'oneshot-early-l1',
    question: 'ranking after upstream pruning, exposure time equal',
  },
  {
    a: 'oneshot-early-l1',
    b: 'oneshot-l1',
    question: 'mask exposure time alone (same dense ranking)',
  },
  {
    a: 'weight-l1-layerwise',
    b: 'weight-l1-oneshot',
    question: 'the same timing gap without activations',
  },
  { a: 'layerwise-l1', b: 'weight-l1-layerwise', question: 'activation L1 vs weight magnitude' },
  { a: 'layerwise-l1', b: 'random', question: 'activation L1 vs random channels' },
  {
    a: 'layerwise-taylor',
    b: 'layerwise-l1',
    question: 'Taylor (a·∂L/∂a) vs activation L1, same timing',
  },
  { a: 'layerwise-l1', b: 'narrow', question: 'pruning vs narrow from scratch' },
  {
    a: 'layerwise-l1',
    b: 'layerwise-l1-first-member',
    question: 'residual groups after their upstream vs old timing',
  },
  { a: 'layerwise-l1-w4a4', b: 'narrow-w4a4', question: 'W4A4: pruned vs narrow, equal footprint' },
  { a: 'layerwise-l1-w8a8', b: 'narrow-w8a8', question: 'W8A8: pruned vs narrow, equal footprint' },
];

/** t_{0.975, df} for df = 1 … 30 (two-sided 95 %); beyond 30 the normal 1.96 (slightly narrow). */
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145,
  2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048,
  2.045, 2.042,
];

export function tQuantile975(df: number): number {
  if (!(df >= 1)) return NaN;
  return df <= 30 ? T975[Math.floor(df) - 1] : 1.96;
}

export interface PairedDifference {
  n: number;
  mean: number;
  /** 95 % interval of the mean difference; NaN bounds when n < 2. */
  low: number;
  high: number;
  /** Seeds where a − b > 0. */
  positive: number;
}

/** Mean of `differences` with its t-interval. */
export function pairedStatistics(differences: readonly number[]): PairedDifference {
  const n = differences.length;
  const mean = differences.reduce((s, d) => s + d, 0) / n;
  const positive = differences.filter((d) => d > 0).length;
  if (n < 2) return { n, mean, low: NaN, high: NaN, positive };
  const variance = differences.reduce((s, d) => s + (d - mean) ** 2, 0) / (n - 1);
  const half = tQuantile975(n - 1) * Math.sqrt(variance / n);
  return { n, mean, low: mean - half, high: mean + half, positive };
}

/** Per-seed a − b over the seeds both cells have, in seed order. */
export function seedDifferences(a: QualityCell, b: QualityCell): number[] {
  const byseed = new Map(b.samples.map((x) => [x.seed, x.metric]));
  return a.samples
    .filter((x) => byseed.has(x.seed))
    .sort((x, y) => x.seed - y.seed)
    .map((x) => x.metric - byseed.get(x.seed)!);
}

function cellOf(r: QualityReport, model: string, row: string, sparsity: number) {
  return r.cells.find((c) => c.model === model && c.row === row && c.sparsity === sparsity);
}

/** Markdown table of every pair a report can form (accuracy in points, PSNR in dB). */
export function pairedTable(r: QualityReport): string {
  const lines = [
    '| model | sparsity | a − b | question | n | mean | 95 % CI | a ahead |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const model of Object.keys(r.dense)) {
    const scale = r.dense[model].metricName === 'accuracy' ? 100 : 1;
    const unit = scale === 100 ? ' pt' : ' dB';
    for (const s of r.sparsities ?? [0.5, 0.75]) {
      for (const pair of QUALITY_PAIRS) {
        const [a, b] = [cellOf(r, model, pair.a, s), cellOf(r, model, pair.b, s)];
        if (!a?.samples.length || !b?.samples.length) continue;
        const d = pairedStatistics(seedDifferences(a, b).map((x) => x * scale));
        if (!d.n) continue;
        const ci = d.n < 2 ? 'n < 2' : `[${d.low.toFixed(2)}, ${d.high.toFixed(2)}]${unit}`;
        lines.push(
          `| ${model} | ${s * 100}% | ${pair.a} − ${pair.b} | ${pair.question} | ${d.n} | ${d.mean.toFixed(2)}${unit} | ${ci} | ${d.positive}/${d.n} |`,
        );
      }
    }
  }
  return lines.join('\n');
}
