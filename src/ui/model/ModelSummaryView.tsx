import type { ModelSummary } from '../../protocol/engine-types';
import { sizeLabel } from '../../protocol/page-core';
import { NestingView } from './NestingView';
import { formatBytes, formatCount, formatShape } from '../format';

function Preflight({ summary }: { summary: ModelSummary }) {
  const blocked = summary.preflight.filter((row) => !row.restructurable);
  return (
    <details className="preflight" open={blocked.length > 0}>
      <summary>
        Pre-flight: {summary.preflight.length - blocked.length} of {summary.preflight.length} layers
        restructurable
      </summary>
      <ul data-testid="preflight-list">
        {summary.preflight.map((row) => (
          <li key={row.name} className={row.restructurable ? 'ok' : 'blocked'}>
            <span aria-hidden="true">{row.restructurable ? '✓' : '✗'}</span> {row.name}{' '}
            <span className="muted">({row.className})</span>
            {row.reason && <div className="reason">{row.reason}</div>}
          </li>
        ))}
      </ul>
    </details>
  );
}

export function ModelSummaryView({ summary }: { summary: ModelSummary }) {
  const prunable = summary.groups.filter((g) => g.prunable).length;
  return (
    <div className="model-summary" data-testid="model-summary">
      <h3>
        {summary.name} <span className="muted">· {summary.origin}</span>
      </h3>
      {summary.sourceSummary && (
        <p className="muted" data-testid="summary-source">
          Read: {summary.sourceSummary}
        </p>
      )}
      <dl className="figures">
        <dt>layers</dt>
        <dd data-testid="summary-layers">{summary.layers}</dd>
        <dt>prunable groups</dt>
        <dd data-testid="summary-groups">
          {prunable} of {summary.groups.length}
        </dd>
        <dt>channels</dt>
        <dd>{formatCount(summary.channels)}</dd>
        <dt>params</dt>
        <dd data-testid="summary-params">{formatCount(summary.params)}</dd>
        <dt>weights</dt>
        <dd data-testid="summary-bytes">{formatBytes(summary.weightBytes)}</dd>
        {summary.input && (
          <>
            <dt>your file</dt>
            <dd
              data-testid="summary-input-bytes"
              data-value={summary.input.fileBytes}
              data-dtype={summary.input.storedDtype}
            >
              {sizeLabel(summary.input.fileBytes)}{' '}
              <span className="muted">
                (gzip {sizeLabel(summary.input.gzipBytes)}; weights stored as{' '}
                {summary.input.storedDtype})
              </span>
            </dd>
          </>
        )}
        <dt>input</dt>
        <dd data-testid="summary-input">{formatShape(summary.inputShape)}</dd>
      </dl>
      {summary.quantizedWeightsNote && <p className="note">{summary.quantizedWeightsNote}</p>}
      {summary.warnings?.map((w) => (
        <p key={w} className="note" data-testid="summary-warning">
          Warning: {w}
        </p>
      ))}
      <Preflight summary={summary} />
      {summary.nesting && <NestingView root={summary.nesting} />}
    </div>
  );
}
