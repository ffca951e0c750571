import type { DataSummary } from '../../protocol/engine-types';

/**
 * Image files the shared folder rule left out (core/data/image-files.ts): the same count and
 * names the CLI prints for the same folder.
 */
export function SkippedImages({ data }: { data: DataSummary }) {
  const skipped = data.skippedImages ?? [];
  if (skipped.length === 0) return null;
  return (
    <details className="note" data-testid="image-skipped" data-count={skipped.length}>
      <summary>
        Skipped {skipped.length} image file{skipped.length === 1 ? '' : 's'} (they are not used)
      </summary>
      <ul>
        {skipped.map((s) => (
          <li key={s.path}>
            {s.path} <span className="muted">({s.reason})</span>
          </li>
        ))}
      </ul>
    </details>
  );
}
