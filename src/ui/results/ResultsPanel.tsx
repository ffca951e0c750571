import { useState } from 'react';
import { exportBundle, verifyDownload } from '../../store/lab-actions';
import { useLabStore } from '../../store/store';
import { formatMetric } from '../format';
import { DownloadFormatNote } from './DownloadFormatNote';
import { mimeOf, saveBytes } from './download';
import { PerClassTable } from './PerClassTable';
import { ResultCards } from './ResultCards';
import { RunHistory } from './RunHistory';

function Downloads() {
  const [error, setError] = useState<string | null>(null);
  const [names, setNames] = useState<string[]>([]);
  const run = async (pick: 'zip' | string) => {
    setError(null);
    try {
      const bundle = await exportBundle();
      setNames(bundle.files.map((f) => f.name));
      const file = pick === 'zip' ? bundle.zip : bundle.files.find((f) => f.name === pick);
      if (file) saveBytes(file.name, file.bytes, mimeOf(file.name));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const packed = useLabStore((s) => s.history[0]?.outcome.download?.format === 'packed');
  const modelFiles = packed
    ? ['model.packed.json', 'weights.packed.bin']
    : ['model.json', 'weights.bin'];
  const fileNames = names.length > 0 ? names : [...modelFiles, 'report.json', 'report.md'];
  return (
    <div className="downloads">
      <button
        type="button"
        className="primary"
        data-testid="download-zip"
        onClick={() => void run('zip')}
      >
        Download zip
      </button>
      {fileNames.map((name) => (
        <button
          type="button"
          key={name}
          data-testid={`download-${name}`}
          onClick={() => void run(name)}
        >
          {name}
        </button>
      ))}
      {error && (
        <div role="alert" className="banner banner-error">
          {error}
        </div>
      )}
    </div>
  );
}

function Verify() {
  const verify = useLabStore((s) => s.verify);
  const error = useLabStore((s) => s.verifyError);
  return (
    <div className="verify">
      <button type="button" data-testid="verify-button" onClick={() => void verifyDownload()}>
        Verify download
      </button>
      {verify && (
        <p role="status" data-testid="verify-result" data-value={verify.value}>
          Reloaded with stock tf.loadLayersModel: {formatMetric(verify.metric, verify.value)}
          {verify.metric === 'agreement' && ' top-1 agreement with the original'} on {verify.n}{' '}
          {verify.metric === 'agreement' ? 'held-back images' : 'examples'} (page reported{' '}
          {formatMetric(verify.metric, verify.reportedValue)}).
        </p>
      )}
      {error && (
        <div role="alert" className="banner banner-error">
          {error}
        </div>
      )}
    </div>
  );
}

export function ResultsPanel() {
  const latest = useLabStore((s) => s.history[0]);
  // Select the array itself: a fresh `?? []` per call would re-render without end.
  const classNames = useLabStore((s) => s.data?.classNames);
  return (
    <section className="panel panel-results" aria-labelledby="panel-results-title">
      <h2 id="panel-results-title">Results</h2>
      {latest ? (
        <>
          <ResultCards outcome={latest.outcome} />
          <PerClassTable outcome={latest.outcome} classNames={classNames ?? []} />
          {latest.outcome.download && <DownloadFormatNote choice={latest.outcome.download} />}
          <Downloads />
          <Verify />
        </>
      ) : (
        <p className="muted">Run the pipeline to see before → after.</p>
      )}
      <RunHistory />
    </section>
  );
}
