import type { ModelFigures, RunOutcome } from '../../protocol/engine-types';
import { vsInputPhrase } from '../../protocol/page-core';
import { formatBits, formatBytes, formatCount, formatMetric, metricLabel } from '../format';

function ratio(before: number | null, after: number | null): string {
  return before && after ? `${(before / after).toFixed(2)}×` : '—';
}

function FigureCard({ title, f, testId }: { title: string; f: ModelFigures; testId: string }) {
  return (
    <div className="result-card" data-testid={testId}>
      <h3>{title}</h3>
      <dl className="figures">
        <dt>{metricLabel(f.metric)}</dt>
        <dd data-testid={`${testId}-metric`} data-value={f.value}>
          {formatMetric(f.metric, f.value)}{' '}
          <span className="muted">
            (n = {f.evaluated}
            {f.metric === 'agreement' && ' held-back images'})
          </span>
        </dd>
        <dt>params</dt>
        <dd data-testid={`${testId}-params`} data-value={f.params}>
          {formatCount(f.params)}
        </dd>
        <dt>file bytes</dt>
        <dd data-testid={`${testId}-bytes`} data-value={f.fileBytes}>
          {formatBytes(f.fileBytes)}{' '}
          <span className="muted">(gzip {formatBytes(f.gzipBytes)})</span>
        </dd>
        <dt>footprint</dt>
        <dd>{formatBits(f.footprintBits)}</dd>
        <dt>density</dt>
        <dd>{f.density === null ? '—' : `${(f.density * 1e6).toFixed(3)} per Mbit`}</dd>
      </dl>
    </div>
  );
}

/** Before → after, both measured on files as stock tfjs loads them. */
export function ResultCards({ outcome }: { outcome: RunOutcome }) {
  const { before, after } = outcome;
  return (
    <div className="result-cards">
      <FigureCard title="Before" f={before} testId="result-before" />
      <div className="result-arrow" aria-hidden="true">
        →
      </div>
      <FigureCard title="After" f={after} testId="result-after" />
      <dl className="figures result-ratios">
        {outcome.input && (
          <>
            <dt>vs your file</dt>
            <dd
              data-testid="result-vs-input"
              data-value={outcome.input.fileBytes / after.fileBytes}
              data-input-bytes={outcome.input.fileBytes}
            >
              {vsInputPhrase(after.fileBytes, outcome.input.fileBytes)} ({outcome.input.storedDtype}
              )
            </dd>
          </>
        )}
        <dt>vs a float32 copy (secondary)</dt>
        <dd data-testid="result-ratio">{ratio(before.fileBytes, after.fileBytes)}</dd>
        <dt>footprint compression</dt>
        <dd>{ratio(before.footprintBits, after.footprintBits)}</dd>
        <dt>params kept</dt>
        <dd>{before.params ? `${((after.params / before.params) * 100).toFixed(1)}%` : '—'}</dd>
      </dl>
      <p className="muted note">
        File bytes are what you download; tfjs holds weights as float32 once loaded, so runtime
        memory is params × 4 bytes. Activation quantization is simulated during training and not
        stored in a stock model file.
      </p>
    </div>
  );
}
