import { useLabStore } from '../../store/store';
import { bitLabel } from '../../store/pipeline-settings';
import { formatBytes, formatDuration, formatMetric } from '../format';

export function RunHistory() {
  const history = useLabStore((s) => s.history);
  if (history.length === 0) return null;
  return (
    <table className="run-history" data-testid="run-history">
      <caption>Run history (this session)</caption>
      <thead>
        <tr>
          <th scope="col">Model</th>
          <th scope="col">Method</th>
          <th scope="col">Sparsity</th>
          <th scope="col">W/A</th>
          <th scope="col">Metric</th>
          <th scope="col">File</th>
          <th scope="col">Time</th>
        </tr>
      </thead>
      <tbody>
        {history.map((r) => (
          <tr key={r.outcome.runId}>
            <td>{r.modelName}</td>
            <td>{r.settings.method}</td>
            <td>{Math.round(r.settings.sparsity * 100)}%</td>
            <td>
              {bitLabel(r.settings.wbits)} / {bitLabel(r.settings.abits)}
            </td>
            <td>
              {formatMetric(r.outcome.before.metric, r.outcome.before.value)} →{' '}
              {formatMetric(r.outcome.after.metric, r.outcome.after.value)}
            </td>
            <td>
              {formatBytes(r.outcome.before.fileBytes)} → {formatBytes(r.outcome.after.fileBytes)}
            </td>
            <td>{formatDuration(r.outcome.elapsedMs)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
