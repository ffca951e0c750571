import { useEffect } from 'react';
import { sizeLabel, vsInputPhrase } from '../../protocol/page-core';
import { refreshExportEstimate, useExportEstimate } from '../../store/export-estimate';
import { useLabStore } from '../../store/store';

/**
 * Before Run: the download's expected size against the user's own file (stock and packed),
 * and a warning when the stock file would not be smaller — the run then writes packed.
 */
export function RunSizeEstimate() {
  const ready = useLabStore((s) => s.engineStatus === 'ready');
  const model = useLabStore((s) => s.model);
  const running = useLabStore((s) => s.activeRunId !== null);
  const sparsity = useLabStore((s) => s.settings.sparsity);
  const wbits = useLabStore((s) => s.settings.wbits);
  // A string key: a new overrides object with the same entries asks nothing again.
  const overridesKey = useLabStore((s) => JSON.stringify(s.settings.overrides));
  const estimate = useExportEstimate((s) => s.estimate);
  useEffect(() => {
    // Never beside a run: the estimate prunes a copy of the model in the worker.
    if (!ready || !model || running) return;
    void refreshExportEstimate(useLabStore.getState().settings);
  }, [ready, model, running, sparsity, wbits, overridesKey]);
  if (!model || !estimate) return null;
  const { inputBytes, format } = estimate;
  const bytes = format === 'packed' ? estimate.packedBytes : estimate.stockBytes;
  return (
    <div data-testid="run-size-estimate" data-format={estimate.format}>
      <p className="muted">
        Download ≈ {sizeLabel(bytes)} ({format} format), {vsInputPhrase(bytes, inputBytes)} (
        {estimate.storedDtype}). Stock ≈ {sizeLabel(estimate.stockBytes)}, packed ≈{' '}
        {sizeLabel(estimate.packedBytes)}.
      </p>
      {estimate.warning && (
        <p role="status" className="banner banner-warn" data-testid="run-size-warning">
          {estimate.warning}
          {format === 'packed' && ' The run writes the packed format: it is the smaller file.'}
        </p>
      )}
    </div>
  );
}
