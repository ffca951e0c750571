import { useState } from 'react';
import { largerWarning, sizeLabel } from '../../protocol/page-core';
import { quantizeWeightsDataFree } from '../../store/weight-quant-actions';
import type { ModelSummary } from '../../protocol/engine-types';
import type { WeightQuantOutcome, WeightQuantParams } from '../../protocol/weight-quant-types';
import { mimeOf, saveBytes } from '../results/download';

type Weights = WeightQuantParams['weights'];
const CHOICES: Weights[] = [8, 7, 6, 5, 4, 3, 2, 'float16'];
const label = (w: Weights) => (w === 'float16' ? 'float16' : `${w}-bit`);

/** Before the run: the estimated files against the input, and the warning when stock is larger. */
function Estimate({ summary, weights }: { summary: ModelSummary; weights: Weights }) {
  const est = summary.sizeEstimates?.find((e) => e.weights === weights);
  const input = summary.input;
  if (!est || !input) return null;
  const warning =
    weights === 'float16'
      ? null
      : largerWarning({
          stockBytes: est.stockBytes,
          packedBytes: est.packedBytes,
          inputBytes: input.fileBytes,
          weightBits: weights,
        });
  return (
    <div data-testid="data-free-estimate">
      <p className="muted">
        Estimate: stock ≈ {sizeLabel(est.stockBytes)}
        {weights === 'float16' ? '' : `, packed ≈ ${sizeLabel(est.packedBytes)}`} — your file is{' '}
        {sizeLabel(input.fileBytes)} ({input.storedDtype}).
      </p>
      {warning && (
        <p className="banner banner-warn" data-testid="data-free-estimate-warning">
          {warning}
        </p>
      )}
    </div>
  );
}

function Outcome({ outcome }: { outcome: WeightQuantOutcome }) {
  const save = (f: { name: string; bytes: ArrayBuffer }) =>
    saveBytes(f.name, f.bytes, mimeOf(f.name));
  return (
    <div className="data-free-result" data-testid="data-free-result">
      <p
        data-testid="data-free-verdict"
        data-file-bytes={outcome.fileBytes}
        data-input-bytes={outcome.input?.fileBytes ?? ''}
        data-ratio={outcome.ratioVsInput ?? ''}
        data-format={outcome.format}
      >
        {outcome.format} format{outcome.chosen ? ' (chosen as the smaller file)' : ''}:{' '}
        <strong>{sizeLabel(outcome.fileBytes)}</strong>, {outcome.verdict}
        {outcome.input && (
          <>
            {' '}
            (gzip {sizeLabel(outcome.gzipBytes)} vs your {sizeLabel(outcome.input.gzipBytes)})
          </>
        )}
        .
      </p>
      <p className="muted">
        Secondary: {(outcome.float32Bytes / outcome.fileBytes).toFixed(2)}× smaller than a float32
        copy of the weights ({sizeLabel(outcome.float32Bytes)}).
      </p>
      {outcome.warning && (
        <p className="banner banner-warn" data-testid="data-free-warning">
          {outcome.warning}
        </p>
      )}
      <div className="downloads">
        <button
          type="button"
          className="primary"
          data-testid="data-free-download-zip"
          onClick={() => save(outcome.zip)}
        >
          Download zip
        </button>
        {outcome.files.map((f) => (
          <button
            type="button"
            key={f.name}
            data-testid={`data-free-download-${f.name}`}
            onClick={() => save(f)}
          >
            {f.name}
          </button>
        ))}
      </div>
    </div>
  );
}

/**
 * Quantization without data: weight-only PTQ (per-channel, 2–8 bits) or float16, as the CLI's
 * `quantize` without --data. Activations stay float; no metric is measured.
 */
export function DataFreeQuantize({ summary }: { summary: ModelSummary }) {
  const [weights, setWeights] = useState<Weights>(8);
  const [format, setFormat] = useState<WeightQuantParams['format']>('smaller');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<WeightQuantOutcome | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    setOutcome(null);
    try {
      setOutcome(await quantizeWeightsDataFree({ weights, format }));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <details className="data-free" data-testid="data-free">
      <summary>Quantize weights without data</summary>
      <p className="note">
        Weight-only: kernels get per-channel integer codes (or float16); activations stay float32,
        and with no data no accuracy is measured.
      </p>
      <label>
        Weights{' '}
        <select
          data-testid="data-free-bits"
          value={String(weights)}
          onChange={(e) =>
            setWeights(e.target.value === 'float16' ? 'float16' : Number(e.target.value))
          }
        >
          {CHOICES.map((c) => (
            <option key={c} value={String(c)}>
              {label(c)}
            </option>
          ))}
        </select>
      </label>{' '}
      <label>
        Format{' '}
        <select
          data-testid="data-free-format"
          value={format}
          disabled={weights === 'float16'}
          onChange={(e) => setFormat(e.target.value as WeightQuantParams['format'])}
        >
          <option value="smaller">the smaller file</option>
          <option value="stock">stock (plain tfjs loads it)</option>
          <option value="packed">packed (needs the lab to load)</option>
        </select>
      </label>
      <Estimate summary={summary} weights={weights} />
      <button type="button" data-testid="data-free-run" disabled={busy} onClick={() => void run()}>
        {busy ? 'Quantizing…' : 'Quantize weights'}
      </button>
      {error && (
        <div role="alert" className="banner banner-error" data-testid="data-free-error">
          {error}
        </div>
      )}
      {outcome && <Outcome outcome={outcome} />}
    </details>
  );
}
