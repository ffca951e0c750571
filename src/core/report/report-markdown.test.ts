import { describe, expect, it } from 'vitest';
import { FLOAT_BITS } from '../quant/quant-plan';
import { reportMarkdown } from './report-markdown';
import { REPORT_FORMAT, type LabReport } from './report-types';

const HOSTILE = '=HYPERLINK("x")<img src=x>';

const fp = { weightBits: 8000, activationBits: 2000, footprintBits: 10000 };
const report: LabReport = {
  format: REPORT_FORMAT,
  version: 1,
  kind: 'quantize',
  model: HOSTILE,
  backend: 'cpu',
  config: {
    compress: null,
    quant: {
      weightBits: 8,
      activationBits: FLOAT_BITS,
      perChannel: false,
      pow2: false,
      mode: 'ptq',
      qatSteps: 0,
      weightDelaySteps: 0,
      activationDelaySteps: 0,
      calibrationBatches: 2,
    },
  },
  layers: [
    {
      id: '<script>x</script>|[l](javascript:1)',
      channelsTotal: 4,
      channelsKept: 4,
      weightBits: 8,
      activationBits: FLOAT_BITS,
      paramsBefore: 10,
      paramsAfter: 10,
    },
  ],
  groups: [],
  params: { before: 10, after: 10 },
  bytes: {
    input: null,
    vsInput: null,
    denseFloat32: 40,
    stock: { fileBytes: 10, gzipBytes: 9 },
    packed: { fileBytes: 10, gzipBytes: 9 },
    runtime: 40,
  },
  metrics: [{ stage: 'dense', metric: 'accuracy', value: 0.5, n: 4, what: 'the dense model' }],
  footprint: { dense: fp, final: fp, compressionRatio: 1 },
  performanceDensity: { dense: null, final: null },
  activationRanges: {},
  notes: [`Layer ${HOSTILE} kept.`],
  timings: { totalMs: 1000, perPhase: { ptq: 1000 } },
};

describe('reportMarkdown', () => {
  it('writes a hostile model and layer name as inert text', () => {
    const md = reportMarkdown(report);
    expect(md.split('\n')[0]).toBe('# Pruning Lab report: =HYPERLINK("x")&lt;img src=x&gt;');
    expect(md).toContain(
      '| &lt;script&gt;x&lt;/script&gt;\\|\\[l\\](javascript:1) | 4 / 4 | 8-bit | float32 | 10 → 10 |',
    );
    expect(md).toContain('- Layer =HYPERLINK("x")&lt;img src=x&gt; kept.');
    expect(md.match(/<[a-z/]/gi)).toBeNull();
  });
});
