import { useLabStore } from '../store/store';

/** Shows which tfjs backend the engine worker runs on, and warns about software WebGPU. */
export function BackendBadge() {
  const backend = useLabStore((s) => s.backend);
  const status = useLabStore((s) => s.engineStatus);
  if (status === 'starting' || !backend) {
    return (
      <span className="badge badge-pending" data-testid="backend-badge" data-backend="">
        starting engine…
      </span>
    );
  }
  if (status === 'failed') {
    return (
      <span className="badge badge-error" data-testid="backend-badge" data-backend="">
        engine failed
      </span>
    );
  }
  const adapter = backend.adapterInfo;
  const adapterText = adapter ? ` · ${adapter.vendor || adapter.architecture || 'adapter'}` : '';
  const threads = backend.threadCount;
  const threadText = threads ? ` · ${threads} thread${threads === 1 ? '' : 's'}` : '';
  const skipped = Object.entries(backend.reasonsForSkipped)
    .map(([name, reason]) => `${name}: ${reason}`)
    .join('\n');
  return (
    <span className="badge-group">
      <span
        className="badge"
        data-testid="backend-badge"
        data-backend={backend.backend}
        data-threads={threads ?? ''}
        title={skipped ? `Skipped backends:\n${skipped}` : undefined}
      >
        backend: {backend.backend}
        {adapterText}
        {threadText}
      </span>
      {backend.isFallbackAdapter && (
        <span className="badge badge-warn" data-testid="software-adapter-warning" role="status">
          WebGPU runs on a software adapter ({adapter?.architecture || 'fallback'}): expect it to be
          slow
        </span>
      )}
    </span>
  );
}
