import { loadData } from '../store/lab-actions';
import { useLabStore } from '../store/store';
import { BUILTIN_DATA } from '../protocol/page-core';
import type { DataSummary } from '../protocol/engine-types';
import { ImageDropZone } from './data/ImageDropZone';
import { SkippedImages } from './data/SkippedImages';
import { SampleStrip } from './data/SampleStrip';
import { formatShape } from './format';

function ShapeAdvice({ modelShape, dataShape }: { modelShape: number[]; dataShape: number[] }) {
  if (modelShape.join('x') === dataShape.join('x')) return null;
  return (
    <div role="alert" className="banner banner-warn" data-testid="data-shape-warning">
      This model expects input {formatShape(modelShape)}, but the built-in data is{' '}
      {formatShape(dataShape)}. The pipeline trains and scores on examples of the model's own input
      shape: use a model that takes 28×28×1 grayscale images, or prune this one with the CLI on data
      of its shape.
    </div>
  );
}

/** "N images, K classes (names)" or the distillation note for a dropped image folder. */
function ImageSummary({ data }: { data: DataSummary }) {
  const count = (data.trainSize + data.testSize).toLocaleString('en-US');
  const split = `${data.trainSize} train, ${data.testSize} test`;
  if (data.task === 'unlabelled') {
    return (
      <p data-testid="image-data-summary">
        {count} unlabelled images — distillation against the original model ({split}; the metric is
        agreement with the original).
      </p>
    );
  }
  return (
    <p data-testid="image-data-summary">
      {count} images, {data.numClasses} classes ({(data.classNames ?? []).join(', ')}; {split}).
    </p>
  );
}

export function DataPanel() {
  const dataId = useLabStore((s) => s.dataId);
  const data = useLabStore((s) => s.data);
  const loading = useLabStore((s) => s.dataLoading);
  const error = useLabStore((s) => s.dataError);
  const model = useLabStore((s) => s.model);
  const engineReady = useLabStore((s) => s.engineStatus === 'ready');
  return (
    <section className="panel" aria-labelledby="panel-data-title">
      <h2 id="panel-data-title">Data</h2>
      <fieldset className="choices" disabled={!engineReady || loading}>
        <legend>Training and evaluation data</legend>
        {BUILTIN_DATA.map((c) => (
          <label key={c.id} className="choice">
            <input
              type="radio"
              name="data"
              value={c.id}
              checked={dataId === c.id}
              onChange={() => void loadData(c.id)}
            />
            <span>
              {c.label} <span className="muted">— {c.help}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <ImageDropZone />
      {loading && <p role="status">Loading data…</p>}
      {error && (
        <div role="alert" className="banner banner-error" data-testid="data-error">
          {error}
        </div>
      )}
      {data?.id === 'images' && <ImageSummary data={data} />}
      {data?.id === 'images' && <SkippedImages data={data} />}
      {data && (
        <p data-testid="data-summary">
          {data.trainSize.toLocaleString('en-US')} training and{' '}
          {data.testSize.toLocaleString('en-US')} test examples of {formatShape(data.inputShape)}
          {data.numClasses ? `, ${data.numClasses} classes` : ''}.
        </p>
      )}
      {data?.samples && data.id !== 'images' && (
        <SampleStrip samples={data.samples} classNames={data.classNames ?? []} />
      )}
      {data && model && <ShapeAdvice modelShape={model.inputShape} dataShape={data.inputShape} />}
    </section>
  );
}
