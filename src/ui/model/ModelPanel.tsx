import { useLabStore } from '../../store/store';
import { DataFreeQuantize } from './DataFreeQuantize';
import { DemoCards } from './DemoCards';
import { DropZone } from './DropZone';
import { LinkedModelPrompt } from './LinkedModelPrompt';
import { ModelSummaryView } from './ModelSummaryView';

export function ModelPanel() {
  const model = useLabStore((s) => s.model);
  const loading = useLabStore((s) => s.modelLoading);
  const error = useLabStore((s) => s.modelError);
  return (
    <section className="panel panel-model" aria-labelledby="panel-model-title">
      <h2 id="panel-model-title">Model</h2>
      <DemoCards />
      <DropZone />
      <LinkedModelPrompt />
      {loading && (
        <p role="status" className="muted">
          Loading {loading}…
        </p>
      )}
      {error && (
        <div role="alert" className="banner banner-error" data-testid="model-error">
          {error}
        </div>
      )}
      {model ? <ModelSummaryView summary={model} /> : <p className="muted">No model loaded yet.</p>}
      {model && <DataFreeQuantize key={`${model.name}·${model.origin}`} summary={model} />}
    </section>
  );
}
